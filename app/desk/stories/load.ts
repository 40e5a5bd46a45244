import { notFound } from 'next/navigation';
import type { StoryEditorProps } from '@/app/desk/stories/StoryEditor';
import { deskLocale, deskTranslations } from '@/app/desk/session';
import { getSnapshot } from '@/lib/content/live';
import type { DeskUser } from '@/lib/desk/accounts';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { storedSource } from '@/lib/desk/content-writer';
import { correctionsOf, latestCorrectionNote } from '@/lib/desk/corrections';
import { can } from '@/lib/desk/roles';
import { deskStories } from '@/lib/desk/stories';
import { attemptErrors, isAttemptOf, isStoryAction, parseStoryFile } from '@/lib/desk/story-actions';
import { actionMessageKey } from '@/app/desk/stories/StoryWorkflow';
import { isLocale, language } from '@/i18n/languages';
import { emptyStoryFields, fieldsFromSource, sourceHash } from '@/lib/desk/story-form';

type Params = Record<string, string | string[] | undefined>;
const one = (params: Params, key: string) => (typeof params[key] === 'string' ? params[key] : undefined);

/**
 * What the story form shows: the stored story (or an empty one), or, after a refused save, what
 * the editor sent (kept in the desk's store) with the reasons, and the stored version beside it
 * when someone else changed the story meanwhile.
 */
export async function loadStoryEditor(user: DeskUser, file: string, params: Params): Promise<Omit<StoryEditorProps, 'user'>> {
  const t = await deskTranslations();
  const stored = file ? await storedSource(file) : undefined;
  if (file && stored === undefined) notFound();
  let fields = stored === undefined ? { ...emptyStoryFields(), locale: deskLocale } : fieldsFromSource(stored);
  let base = stored === undefined ? '' : sourceHash(stored);
  const story = getSnapshot().articles.find((a) => a.file === file);
  await prepareDesk();
  const store = deskStore();
  const inReview = story ? await store.storiesInReview() : new Set<string>();
  const listed = story ? deskStories(getSnapshot(), Date.now(), inReview).find((s) => s.locale === story.locale && s.slug === story.slug) : undefined;
  const state = listed?.state;
  let correctionNote = '';
  let errors = {};
  let notice: StoryEditorProps['notice'];
  let theirs: StoryEditorProps['theirs'];

  const action = one(params, 'action');
  const done = one(params, 'done');
  const outcome = one(params, 'outcome');
  const attemptId = Number(one(params, 'attempt'));
  const fromId = Number(one(params, 'from'));
  if (done && isStoryAction(done)) notice = { kind: 'done', text: t(actionMessageKey(done, 'done')) };
  const translation = await translationFields(user, stored === undefined ? one(params, 'translate') : undefined, one(params, 'lang'));
  if (translation) {
    fields = translation.fields;
    notice = { kind: 'done', text: t('workflow.translate.prefilled', { language: translation.from }) };
  }
  if (Number.isSafeInteger(attemptId) && attemptId > 0) {
    const attempt = await store.getRevision(attemptId);
    if (attempt && isAttemptOf(attempt, user, file)) {
      fields = fieldsFromSource(attempt.source);
      errors = attemptErrors(attempt);
      base = attempt.base;
      if (attempt.outcome === 'conflict') {
        theirs = stored === undefined ? undefined : fieldsFromSource(stored);
        // Saving again now is a deliberate choice over their version.
        base = stored === undefined ? '' : sourceHash(stored);
        notice = { kind: 'problem', text: t('edit.conflict.notice') };
      }
      if (attempt.action === 'correct') correctionNote = latestCorrectionNote(attempt.source);
      if (attempt.outcome === 'failed') notice = { kind: 'problem', text: t('edit.failed', { message: attempt.message ?? '' }) };
    }
  } else if (outcome) {
    const message = one(params, 'message') ?? '';
    if (outcome === 'refused' && action === 'takedown') notice = { kind: 'problem', text: t('edit.takedown.refused') };
    else if (outcome === 'conflict') notice = { kind: 'problem', text: t('edit.conflict.takedown') };
    else notice = { kind: 'problem', text: t('edit.failed', { message }) };
  }
  if (Number.isSafeInteger(fromId) && fromId > 0) {
    const revision = await store.getRevision(fromId);
    if (revision && revision.outcome === 'saved' && story && revision.story === `${story.locale}/${story.translationId}`) {
      fields = fieldsFromSource(revision.source);
      notice = { kind: 'done', text: t('history.restored', { id: revision.id }) };
    }
  }
  const revisions = story ? await store.listRevisions(`${story.locale}/${story.translationId}`) : [];
  const workflow = { missing: listed?.missing ?? [], corrections: correctionsOf(stored), correctionNote };
  return { fields, errors, file, base, ...(state ? { state } : {}), ...(notice ? { notice } : {}), ...(theirs ? { theirs } : {}), revisions, workflow };
}

/**
 * The new-story form of a translation: `translate` names the source ("locale/slug"), `lang` the
 * language to write. The story's fields are copied for the translator to overwrite, with the same
 * translationId (which links the versions), the slug left empty to be made from the new headline,
 * and no time (now, when published). Only for an account that may translate, and only into a
 * language the story lacks.
 */
async function translationFields(user: DeskUser, translate: string | undefined, lang: string | undefined) {
  if (!translate || !isLocale(lang) || !can(user.role, 'story.translate')) return undefined;
  const file = `${translate}.md`;
  const source = parseStoryFile(file) ? await storedSource(file) : undefined;
  if (source === undefined) return undefined;
  const original = fieldsFromSource(source);
  const taken = getSnapshot().articles.some((a) => a.translationId === original.translationId && a.locale === lang);
  if (taken || original.locale === lang || !isLocale(original.locale)) return undefined;
  return { fields: { ...original, locale: lang, slug: '', publishedAt: '' }, from: language(original.locale).name };
}
