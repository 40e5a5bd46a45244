import type { NextRequest } from 'next/server';
import { currentDeskUser } from '@/lib/desk/accounts';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { runAutosave } from '@/lib/desk/autosave';
import { publishFromDesk, storedSource } from '@/lib/desk/content-writer';
import { DESK_RESPONSE_HEADERS, isHttpsRequest } from '@/lib/desk/request';
import { isCrossSiteRequest } from '@/lib/preview/origin';

export const dynamic = 'force-dynamic';

/**
 * The story form's autosave: the same fields as the form's POST to /api/desk/stories, saved as a
 * draft through the same action, answered in JSON (lib/desk/autosave.ts). Capped at 64 KiB by the
 * HTTP guard like every request body.
 */
export async function POST(request: NextRequest) {
  if (isCrossSiteRequest(request.headers)) return json(403, { ok: false, outcome: 'forbidden', message: 'Story actions come from the desk’s own pages only.' });
  const user = await currentDeskUser(request.headers, { secure: isHttpsRequest(request.headers, request.url) }).catch(() => undefined);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json(400, { ok: false, outcome: 'refused', message: 'The story form is expected.' });
  }
  try {
    await prepareDesk();
  } catch (error) {
    return json(503, { ok: false, outcome: 'failed', message: `The desk’s store cannot be reached: ${(error as Error).message}` });
  }
  const answer = await runAutosave(user, form, { store: deskStore(), publish: publishFromDesk, read: storedSource });
  return json(answer.status, answer.body);
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: DESK_RESPONSE_HEADERS });
}
