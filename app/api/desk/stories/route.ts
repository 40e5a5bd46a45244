import type { NextRequest } from 'next/server';
import { currentDeskUser } from '@/lib/desk/accounts';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { publishFromDesk, storedSource } from '@/lib/desk/content-writer';
import { DESK_RESPONSE_HEADERS, isHttpsRequest } from '@/lib/desk/request';
import { DeskForbiddenError, isStoryAction, runStoryAction, storyFormPath } from '@/lib/desk/story-actions';
import { fieldsFromForm } from '@/lib/desk/story-form';
import { isCrossSiteRequest } from '@/lib/preview/origin';

export const dynamic = 'force-dynamic';

/**
 * The story form's buttons (save, submit for review, publish, schedule, update, correct, unschedule,
 * take down, restore): a plain form POST, answered with 303 back to the story (or to the form with
 * what was refused), so the desk works without JavaScript. The role is checked here, whatever the page showed: 403.
 * Request bodies are capped at 64 KiB by the HTTP guard before this runs (lib/http/guard.ts); the
 * form caps the body at 60,000 characters and says so.
 */
export async function POST(request: NextRequest) {
  if (isCrossSiteRequest(request.headers)) return plain(403, 'Forbidden: story actions come from the desk’s own pages only.');
  const user = await currentDeskUser(request.headers, { secure: isHttpsRequest(request.headers, request.url) });
  if (!user) return plain(401, 'Sign in to the desk first: /desk/login');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return plain(400, 'Bad request: the story form is expected.');
  }
  const action = form.get('action');
  if (!isStoryAction(action)) return plain(400, `Bad request: unknown action "${String(action).slice(0, 40)}".`);
  const str = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const file = str('file').slice(0, 300);
  // The form sends its own story's file ("locale/slug.md") or none; anything else has no form to go back to.
  const formPath = storyFormPath(file);
  if (formPath === undefined) return plain(400, `Bad request: "${file.slice(0, 60)}" is not a story file (the "file" field is "locale/slug.md", or empty for a new story).`);
  try {
    await prepareDesk();
    const result = await runStoryAction(
      user,
      { action, fields: fieldsFromForm(form), file, base: str('base').slice(0, 64), reason: str('reason').slice(0, 2_000), confirmed: str('confirm') === 'yes', note: str('correctionNote').slice(0, 2_000) },
      { store: deskStore(), publish: publishFromDesk, read: storedSource },
    );
    if (result.ok) return seeOther(`${storyFormPath(result.file) ?? formPath}?${new URLSearchParams({ done: action })}`);
    const query = new URLSearchParams({ outcome: result.outcome, action });
    if (result.revision !== undefined) query.set('attempt', String(result.revision));
    else if (result.message) query.set('message', result.message.slice(0, 500));
    return seeOther(`${formPath}?${query}`);
  } catch (error) {
    if (error instanceof DeskForbiddenError) return plain(403, error.message);
    throw error;
  }
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...DESK_RESPONSE_HEADERS } });
}

function plain(status: number, body: string): Response {
  return new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...DESK_RESPONSE_HEADERS } });
}
