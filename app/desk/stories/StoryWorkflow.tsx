import Link from 'next/link';
import { deskLocale, deskTranslations } from '@/app/desk/session';
import type { DeskUser } from '@/lib/desk/accounts';
import { can } from '@/lib/desk/roles';
import type { StoryState } from '@/lib/desk/stories';
import type { FieldErrors, StoryCorrection } from '@/lib/desk/story-form';
import { MAX_CORRECTION_NOTE } from '@/lib/content/schema';
import { language, type Locale } from '@/i18n/languages';

/**
 * The editorial workflow's parts of the story form (issue 23): submitting a draft for review,
 * correcting a published story with a public note, and starting a translation. Server components
 * mounted by StoryEditor; everything is a plain form button or link, so it works without JavaScript.
 */
export interface StoryWorkflowProps {
  /** The site's languages this story has no version in yet. */
  missing: readonly Locale[];
  /** The stored story's corrections, oldest first. */
  corrections: readonly StoryCorrection[];
  /** A refused correction's note, shown again. */
  correctionNote: string;
}

export const WORKFLOW_ACTIONS = ['submit', 'correct'] as const;

/** The Desk message key of an action's words, in the revision list or in the notice after it was done. */
export function actionMessageKey(action: string, kind: 'done' | 'revision'): string {
  if ((WORKFLOW_ACTIONS as readonly string[]).includes(action)) return kind === 'done' ? `workflow.done.${action}` : `workflow.revisionActions.${action}`;
  return kind === 'done' ? `edit.done.${action}` : `edit.revisions.actions.${action}`;
}

/** "Submit for review", beside "Save draft": for a story readers do not have yet. */
export async function SubmitForReviewButton({ user, live }: { user: DeskUser; live: boolean }) {
  if (live || !can(user.role, 'review.request')) return null;
  const t = await deskTranslations();
  return (
    <button type="submit" name="action" value="submit">
      {t('workflow.submit')}
    </button>
  );
}

/**
 * A correction's note and its button, inside the story form: the editor fixes the text above and
 * says, in public, what was put right. The schema checks the note; its message shows next to it.
 */
export async function CorrectionField({ user, state, errors, workflow }: { user: DeskUser; state?: StoryState; errors: FieldErrors; workflow?: StoryWorkflowProps }) {
  if (!can(user.role, 'story.correct') || (state !== 'published' && state !== 'corrected')) return null;
  const t = await deskTranslations();
  const { intlLocale, timeZone } = language(deskLocale);
  const when = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const describedBy = ['correctionNote-hint', errors.correction ? 'correctionNote-error' : ''].filter(Boolean).join(' ');
  const corrections = workflow?.corrections ?? [];
  return (
    <fieldset className="desk-correction">
      <legend>{t('workflow.correction.title')}</legend>
      {corrections.length ? (
        <>
          <p className="desk-hint">{t('workflow.correction.previous')}</p>
          <ul className="desk-corrections">
            {corrections.map((c, i) => (
              <li key={i}>
                <time dateTime={c.at}>{when.format(new Date(c.at))}</time>: {c.note}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <label htmlFor="correctionNote">{t('workflow.correction.note')}</label>
      <p className="desk-hint" id="correctionNote-hint">
        {t('workflow.correction.hint', { max: MAX_CORRECTION_NOTE })}
      </p>
      <textarea
        id="correctionNote"
        name="correctionNote"
        rows={3}
        maxLength={MAX_CORRECTION_NOTE}
        defaultValue={workflow?.correctionNote ?? ''}
        aria-invalid={errors.correction ? true : undefined}
        aria-describedby={describedBy}
      />
      {errors.correction ? (
        <p className="desk-field-error" id="correctionNote-error">
          {t('workflow.correction.note')} {errors.correction}
        </p>
      ) : null}
      <div>
        <button type="submit" name="action" value="correct">
          {t('workflow.correction.submit')}
        </button>
      </div>
    </fieldset>
  );
}

/** Links to the new-story form for each language the story lacks, prefilled from this version. */
export async function StartTranslation({ user, file, workflow }: { user: DeskUser; file: string; workflow?: StoryWorkflowProps }) {
  if (!file || !can(user.role, 'story.translate') || !workflow?.missing.length) return null;
  const t = await deskTranslations();
  const from = file.replace(/\.md$/, '');
  return (
    <section className="desk-translate" aria-labelledby="translate-title">
      <h2 id="translate-title">{t('workflow.translate.title')}</h2>
      <ul>
        {workflow.missing.map((l) => (
          <li key={l}>
            <Link href={`/desk/stories/new?${new URLSearchParams({ translate: from, lang: l })}`}>{t('workflow.translate.start', { language: language(l).name })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
