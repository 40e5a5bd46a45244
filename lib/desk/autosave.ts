import { readFrontMatter } from '@/lib/content/front-matter.mjs';
import type { DeskUser } from '@/lib/desk/accounts';
import { DeskForbiddenError, runStoryAction, type StoryActionDeps } from '@/lib/desk/story-actions';
import { fieldsFromForm, type FieldErrors } from '@/lib/desk/story-form';

/**
 * The story form's autosave (app/desk/stories/StoryAutosave.tsx): the "save draft" button's own
 * path (runStoryAction 'save', with the conflict check under the store's lock), answered in JSON
 * for a script instead of a 303 for a page. Only for drafts: on a live or scheduled story "save"
 * would take it off the site, so there the editor uses "Save changes" and autosave is refused.
 */

export type AutosaveAnswer =
  | { status: 200; body: { ok: true; file: string; base: string; slug: string; translationId: string; editPath: string; savedAt: string } }
  | { status: 401 | 403 | 409 | 422 | 503; body: { ok: false; outcome: 'signed-out' | 'forbidden' | 'live' | 'conflict' | 'invalid' | 'failed' | 'refused'; message: string; errors?: FieldErrors } };

/** The story actions' own: `read` is the stored source of one file (lib/desk/content-writer.ts storedSource). */
export type AutosaveDeps = StoryActionDeps;

/** The edit page of a stored story file ("locale/slug.md"). */
export const editPathOf = (file: string) => `/desk/stories/${file.replace(/\.md$/, '')}/edit`;

/** Whether a stored story is a draft (a taken-down story is one too): autosave writes drafts only. */
function isDraftSource(source: string): boolean {
  try {
    return readFrontMatter(source).data.status === 'draft';
  } catch {
    // A file that does not parse is no live story: saving it is how it gets mended.
    return true;
  }
}

export async function runAutosave(user: Pick<DeskUser, 'email' | 'role'> | undefined, form: { get(name: string): unknown }, deps: AutosaveDeps): Promise<AutosaveAnswer> {
  if (!user) return { status: 401, body: { ok: false, outcome: 'signed-out', message: 'Your session has ended: sign in again (/desk/login) in another tab, then save.' } };
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const file = text('file').slice(0, 300);
  const stored = file ? await deps.read(file) : undefined;
  if (stored !== undefined && !isDraftSource(stored)) {
    return { status: 409, body: { ok: false, outcome: 'live', message: 'This story is live or scheduled: autosave is off for it. Use “Save changes”.' } };
  }
  try {
    const result = await runStoryAction(user, { action: 'save', fields: fieldsFromForm(form), file, base: text('base').slice(0, 64), autosave: true }, deps);
    if (result.ok) {
      const { base, translationId } = result.saved!;
      return { status: 200, body: { ok: true, file: result.file, base, slug: result.slug, translationId, editPath: editPathOf(result.file), savedAt: new Date(deps.now ?? Date.now()).toISOString() } };
    }
    if (result.outcome === 'conflict') return { status: 409, body: { ok: false, outcome: 'conflict', message: 'Someone else changed this story since you opened it.' } };
    if (result.outcome === 'invalid') {
      const errors = result.errors ?? {};
      return { status: 422, body: { ok: false, outcome: 'invalid', message: result.message ?? Object.keys(errors).join(', '), errors } };
    }
    if (result.outcome === 'failed') return { status: 503, body: { ok: false, outcome: 'failed', message: result.message ?? 'The content store could not be written.' } };
    return { status: 422, body: { ok: false, outcome: 'refused', message: result.message ?? 'Refused.' } };
  } catch (error) {
    if (error instanceof DeskForbiddenError) return { status: 403, body: { ok: false, outcome: 'forbidden', message: error.message } };
    throw error;
  }
}
