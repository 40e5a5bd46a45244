import type { NextRequest } from 'next/server';
import { currentDeskUser } from '@/lib/desk/accounts';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { seeStory } from '@/lib/desk/presence';
import { DESK_RESPONSE_HEADERS, isHttpsRequest } from '@/lib/desk/request';
import { can } from '@/lib/desk/roles';
import { parseStoryFile } from '@/lib/desk/story-actions';
import { isCrossSiteRequest } from '@/lib/preview/origin';

export const dynamic = 'force-dynamic';

/**
 * The edit page's heartbeat: {"file": "locale/slug.md"} records that the signed-in account has the
 * story open, and the answer lists the others who have (lib/desk/presence.ts). Same site only, and
 * JSON only: another site's page can neither send it with the editor's cookie unnoticed nor read
 * the answer.
 */
export async function POST(request: NextRequest) {
  if (isCrossSiteRequest(request.headers)) return plain(403, 'Forbidden: presence comes from the desk’s own pages only.');
  if (!request.headers.get('content-type')?.startsWith('application/json')) return plain(415, 'Send {"file": "<locale>/<slug>.md"} as application/json.');
  const user = await currentDeskUser(request.headers, { secure: isHttpsRequest(request.headers, request.url) });
  if (!user) return plain(401, 'Sign in to the desk first: /desk/login');
  if (!can(user.role, 'story.list')) return plain(403, 'Forbidden: this account may not open stories.');
  let file: unknown;
  try {
    ({ file } = (await request.json()) as { file?: unknown });
  } catch {
    return plain(400, 'Bad request: send {"file": "<locale>/<slug>.md"} as JSON.');
  }
  if (typeof file !== 'string' || !parseStoryFile(file)) return plain(400, `Bad request: "file" must name a story of the content store, as "<locale>/<slug>.md".`);
  await prepareDesk();
  const others = await seeStory(deskStore(), user, file);
  return Response.json({ others }, { headers: DESK_RESPONSE_HEADERS });
}

function plain(status: number, body: string): Response {
  return new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...DESK_RESPONSE_HEADERS } });
}
