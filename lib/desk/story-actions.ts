import type { Change, PublishRequest } from '@/lib/publish/plan';
import { PublishFailure } from '@/lib/publish/plan';
import type { DeskUser } from '@/lib/desk/accounts';
import { can, type DeskPermission } from '@/lib/desk/roles';
import type { DeskStore, StoryRevision } from '@/lib/desk/store';
import { fieldsFromSource, slugify, sourceFromFields, sourceHash, validateStorySource, type FieldErrors, type StoryCorrection, type StoryFields } from '@/lib/desk/story-form';
import { correctionsOf, isLiveSource } from '@/lib/desk/corrections';
import { locales } from '@/i18n/languages';
import { readFrontMatter } from '@/lib/content/front-matter.mjs';

/**
 * What the desk's story buttons do, on the one publish path (lib/publish): each action makes the
 * story's Markdown source from the form, checks it with the content schema, and asks the publish
 * path to write it (a draft is a file with `status: draft`, as it is for `npm run publish`), with a
 * check under the store's lock that nobody changed the story since the form was loaded. Every
 * attempt is kept in the desk's store: a saved one is a revision, a refused one is what the form
 * shows again, so nothing typed is lost.
 */

export const STORY_ACTIONS = ['save', 'submit', 'publish', 'schedule', 'update', 'correct', 'unschedule', 'takedown', 'restore'] as const;
export type StoryAction = (typeof STORY_ACTIONS)[number];

export const ACTION_PERMISSION: Record<StoryAction, DeskPermission> = {
  save: 'draft.write',
  submit: 'review.request',
  publish: 'story.publish',
  schedule: 'story.schedule',
  update: 'story.publish',
  correct: 'story.correct',
  unschedule: 'story.schedule',
  takedown: 'story.takedown',
  restore: 'story.publish',
};

export const isStoryAction = (value: unknown): value is StoryAction => typeof value === 'string' && (STORY_ACTIONS as readonly string[]).includes(value);

/** The account may not do this action: the route answers 403. */
export class DeskForbiddenError extends Error {
  override name = 'DeskForbiddenError';
}

/** The story changed since the form was loaded. */
class StoryConflict extends Error {}

/** The file the form would write (a new story, or a changed slug) is another story's already. */
class StoryFileTaken extends Error {}

/** The slug field's message when its file is another story's: shown next to the field, also when the attempt is loaded again. */
const slugTakenMessage = (target: string) => `is already used by ${target}: choose another slug. Nothing was written.`;
const SLUG_TAKEN = /^is already used by [a-z]{2,3}\/[a-z0-9-]+\.md: choose another slug/;

/**
 * The permission a plain "save" (or "submit") needs on a stored story: a draft is anyone's who
 * writes drafts, but saving a published story as a draft takes it off the site (or out of the
 * schedule), which only an account that may change live stories may do (as 'update'/'unschedule').
 */
function permissionToReplace(source: string | undefined, now: number): DeskPermission | undefined {
  if (!source) return undefined;
  let data: Record<string, unknown>;
  try {
    ({ data } = readFrontMatter(source));
  } catch {
    return undefined;
  }
  if (data.status !== 'published') return undefined;
  return isLiveSource(source, now) ? ACTION_PERMISSION.update : ACTION_PERMISSION.unschedule;
}

const REPLACE_FORBIDDEN = 'Forbidden: this story is published or scheduled; only an editor or an admin may change it. Nothing was changed.';

export interface StoryActionInput {
  action: StoryAction;
  fields: StoryFields;
  /** The file the form was loaded from ("locale/slug.md"), empty for a new story. */
  file: string;
  /** sourceHash of that file as the form was loaded. */
  base: string;
  /** A takedown's reason, and its confirmation. */
  reason?: string;
  confirmed?: boolean;
  /** A correction's public note. */
  note?: string;
  /**
   * Sent by the form's autosave (app/desk/stories/StoryAutosave.tsx), not a button: an invalid
   * attempt is not kept (the form still holds it, and half-filled forms would add a row every few
   * seconds), and the audit entry says so.
   */
  autosave?: boolean;
}

export interface StoryActionDeps {
  store: Pick<DeskStore, 'saveRevision' | 'recordAudit'>;
  /** The stored source of a file of the content store: its corrections are carried over by every save. */
  read(file: string): string | undefined | Promise<string | undefined>;
  /** The publish path: lib/desk/content-writer.ts in the server, a fake store in tests. */
  publish(request: PublishRequest, check: (sourceOf: (file: string) => string | undefined) => void): Promise<Change>;
  now?: number;
}

export type StoryActionResult =
  | { ok: true; file: string; locale: string; slug: string; revision?: number; saved?: { base: string; translationId: string } }
  | { ok: false; revision?: number; outcome: StoryRevision['outcome']; message?: string; errors?: FieldErrors };

/** "2026-12-06T04:00:00Z": seconds are enough, and the schema wants an offset. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const AUDIT_ACTION: Record<StoryAction, string> = {
  save: 'story.save-draft',
  submit: 'story.submit',
  publish: 'story.publish',
  schedule: 'story.schedule',
  update: 'story.update',
  correct: 'story.correct',
  unschedule: 'story.unschedule',
  takedown: 'story.takedown',
  restore: 'story.restore',
};

/** Where a file of the store is, as "locale/slug.md"; undefined for anything else. */
export function parseStoryFile(file: string): { locale: string; slug: string } | undefined {
  const m = /^([a-z]{2,3})\/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(file);
  return m && (locales as readonly string[]).includes(m[1]!) ? { locale: m[1]!, slug: m[2]! } : undefined;
}

/**
 * Where the story form of a `file` field is: its edit page, the new-story form for none, and
 * undefined for anything that is not a story file of the store (the route answers 400).
 */
export function storyFormPath(file: string): string | undefined {
  if (!file) return '/desk/stories/new';
  const stored = parseStoryFile(file);
  return stored ? `/desk/stories/${stored.locale}/${stored.slug}/edit` : undefined;
}

/** The story's source as the action makes it: status and times set by the button, not typed. */
function sourceFor(
  action: Exclude<StoryAction, 'takedown'>,
  fields: StoryFields,
  now: number,
  { corrections = [], note = '' }: { corrections?: readonly StoryCorrection[]; note?: string } = {},
): { source: string; errors: FieldErrors } {
  const f = { ...fields };
  if (!f.slug) f.slug = slugify(f.title);
  if (!f.translationId) f.translationId = f.slug;
  const errors: FieldErrors = {};
  if (action === 'publish' || (!f.publishedAt && (action === 'save' || action === 'submit'))) f.publishedAt = isoSeconds(now);
  const at = Date.parse(f.publishedAt);
  if (action === 'schedule' && !(at > now)) errors.publishedAt = 'must be in the future to schedule the story';
  const status = action === 'save' || action === 'submit' || action === 'unschedule' ? 'draft' : 'published';
  // updatedAt may not be earlier than publishedAt (the schema): a scheduled story is updated when it goes live.
  const updatedAt = Number.isNaN(at) || at <= now ? isoSeconds(now) : f.publishedAt;
  // A correction is published now: its time is the story's updatedAt (JSON-LD dateModified). The
  // schema judges the note (not empty, not too long), so the form shows its message next to the field.
  const all = action === 'correct' ? [...corrections, { at: isoSeconds(now), note: note.trim() }] : corrections;
  const source = sourceFromFields(f, { status, updatedAt: action === 'correct' ? isoSeconds(now) : updatedAt, corrections: all });
  return { source, errors: { ...validateStorySource(source), ...errors } };
}

/** The problems of a refused attempt, as the form shows them again (the same checks as when it was refused). */
export function attemptErrors(attempt: Pick<StoryRevision, 'source' | 'action' | 'outcome' | 'message' | 'at'>): FieldErrors {
  if (attempt.outcome !== 'invalid') return {};
  const errors: FieldErrors = validateStorySource(attempt.source);
  if (attempt.action === 'schedule') {
    const at = Date.parse(fieldsFromSource(attempt.source).publishedAt);
    if (!(at > attempt.at)) errors.publishedAt ??= 'must be in the future to schedule the story';
  }
  if (attempt.message && SLUG_TAKEN.test(attempt.message)) errors.slug = attempt.message;
  else if (attempt.message) errors.form = attempt.message;
  return errors;
}

/**
 * Whether a kept attempt is the one to show again in the form of `file` ("" for the new-story
 * form): only its sender gets it back, only a refused one, and only in the form of the story it
 * was sent from, since saving the form writes to that form's story.
 */
export function isAttemptOf(attempt: Pick<StoryRevision, 'actor' | 'outcome' | 'file'>, user: Pick<DeskUser, 'email'>, file: string): boolean {
  return attempt.actor === user.email && attempt.outcome !== 'saved' && attempt.file === file;
}

/**
 * Runs one story action for `user`. Throws DeskForbiddenError when the role may not; otherwise
 * resolves with where the story now is, or why nothing was written (the attempt kept as a revision).
 */
export async function runStoryAction(user: Pick<DeskUser, 'email' | 'role'>, input: StoryActionInput, deps: StoryActionDeps): Promise<StoryActionResult> {
  const { action, fields, file, base } = input;
  if (!can(user.role, ACTION_PERMISSION[action])) {
    throw new DeskForbiddenError(
      action === 'save' || action === 'submit'
        ? 'Forbidden: this account may not write stories.'
        : 'Forbidden: only an editor or an admin may publish, schedule, correct, take down or restore a story.',
    );
  }
  const now = deps.now ?? Date.now();
  const stored = file ? parseStoryFile(file) : undefined;
  if (file && !stored) return { ok: false, outcome: 'refused', message: `"${file}" is not a story of the content store.` };
  if (!file && !['save', 'submit', 'publish', 'schedule'].includes(action)) return { ok: false, outcome: 'refused', message: 'Save the story first.' };

  if (action === 'takedown') {
    const reason = input.reason?.trim() ?? '';
    if (!reason || !input.confirmed) return { ok: false, outcome: 'refused', message: 'A takedown needs a reason and the confirmation box ticked. Nothing was changed.' };
    try {
      await deps.publish({ kind: 'unpublish', ref: stored!.slug, locale: stored!.locale }, (sourceOf) => {
        const current = sourceOf(file);
        if (current === undefined || sourceHash(current) !== base) throw new StoryConflict();
      });
    } catch (error) {
      if (error instanceof StoryConflict) return { ok: false, outcome: 'conflict', message: 'The story was changed by someone else since you opened it. Nothing was changed: reload it and try again.' };
      return { ok: false, outcome: 'failed', message: (error as Error).message };
    }
    await deps.store.recordAudit({ at: now, actor: user.email, action: AUDIT_ACTION.takedown, target: file, detail: reason.slice(0, 500) });
    return { ok: true, file, ...stored! };
  }

  const current = file ? await deps.read(file) : undefined;
  const live = isLiveSource(current, now);
  // Checked again under the store's lock below, on the version actually replaced.
  const needs = action === 'save' || action === 'submit' ? permissionToReplace(current, now) : undefined;
  if (action === 'save' && needs && !can(user.role, needs)) throw new DeskForbiddenError(REPLACE_FORBIDDEN);
  if (action === 'submit' && needs) return { ok: false, outcome: 'refused', message: 'This story is published or scheduled: save your changes instead of submitting it for review.' };
  if (action === 'correct' && !live) return { ok: false, outcome: 'refused', message: 'Only a published story can be corrected: publish it, or save your changes.' };
  // The conflict check below makes sure these are the corrections of the version the form was loaded from.
  const { source, errors } = sourceFor(action, fields, now, { corrections: correctionsOf(current), note: input.note ?? '' });
  const built = { ...fields, slug: fields.slug || slugify(fields.title) };
  const story = `${fields.locale}/${fields.translationId || built.slug}`;
  const keep = (outcome: StoryRevision['outcome'], message?: string) =>
    deps.store.saveRevision({ at: now, actor: user.email, story, file, base, action, outcome, source, ...(message ? { message } : {}) });

  if (Object.keys(errors).length) return { ok: false, outcome: 'invalid', errors, ...(input.autosave ? {} : { revision: await keep('invalid') }) };
  const target = `${fields.locale}/${built.slug}.md`;
  try {
    await deps.publish({ kind: 'publish', inputs: [{ name: target, source, replaces: file }] }, (sourceOf) => {
      if (file) {
        const current = sourceOf(file);
        if (current === undefined || sourceHash(current) !== base) throw new StoryConflict();
        const replacing = action === 'save' || action === 'submit' ? permissionToReplace(current, now) : undefined;
        if (replacing && (action === 'submit' || !can(user.role, replacing))) throw new DeskForbiddenError(REPLACE_FORBIDDEN);
      }
      // A new story, or a changed slug, writes a file other than the one loaded: never onto another story.
      if (target !== file && sourceOf(target) !== undefined) throw new StoryFileTaken();
    });
  } catch (error) {
    if (error instanceof DeskForbiddenError) throw error;
    if (error instanceof StoryConflict) return { ok: false, outcome: 'conflict', revision: await keep('conflict') };
    if (error instanceof StoryFileTaken) {
      const message = slugTakenMessage(target);
      return { ok: false, outcome: 'invalid', message, errors: { slug: message }, ...(input.autosave ? {} : { revision: await keep('invalid', message) }) };
    }
    // Invalid against the rest of the store (a slug another story uses): the publish path says which.
    const message = error instanceof PublishFailure ? error.message.replace(/^publish: /, '') : `The content store could not be written: ${(error as Error).message}`;
    const outcome = error instanceof PublishFailure && error.exitCode === 1 ? 'invalid' : 'failed';
    return { ok: false, outcome, message, revision: await keep(outcome, message) };
  }
  const revision = await keep('saved');
  const detail =
    action === 'correct'
      ? (input.note ?? '').trim().slice(0, 500)
      : [input.autosave ? 'autosave' : '', file && file !== target ? `was ${file}` : ''].filter(Boolean).join('; ');
  await deps.store.recordAudit({ at: now, actor: user.email, action: AUDIT_ACTION[action], target, ...(detail ? { detail } : {}) });
  // The version now stored, so the form's next save is checked against this one, not the one it was loaded from.
  const saved = { base: sourceHash(source), translationId: fields.translationId || built.slug };
  return { ok: true, file: target, locale: fields.locale, slug: built.slug, revision, saved };
}
