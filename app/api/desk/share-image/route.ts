import type { NextRequest } from 'next/server';
import { parseArticle } from '@/lib/content/parse';
import { currentDeskUser } from '@/lib/desk/accounts';
import { storedSource } from '@/lib/desk/content-writer';
import { DESK_RESPONSE_HEADERS, isHttpsRequest } from '@/lib/desk/request';
import { can } from '@/lib/desk/roles';
import { parseStoryFile } from '@/lib/desk/story-actions';
import { renderArticleShareImage } from '@/lib/share-image/card';

export const dynamic = 'force-dynamic';

/**
 * The share card of a stored story as it is now, draft or not, for the desk's social preview:
 * drawn by the same function as the public card (lib/share-image/card.tsx), for a signed-in desk
 * account only, never kept by a cache. The public card route knows published stories only, so a
 * draft's card stays out of reach of everyone else (a 404, like the draft's page).
 */
export async function GET(request: NextRequest) {
  const user = await currentDeskUser(request.headers, { secure: isHttpsRequest(request.headers, request.url) }).catch(() => undefined);
  const file = request.nextUrl.searchParams.get('file') ?? '';
  const source = user && can(user.role, 'story.list') && parseStoryFile(file) ? await storedSource(file) : undefined;
  let article;
  try {
    article = source === undefined ? undefined : parseArticle(file, source);
  } catch {
    // A story that does not validate has no card yet; the form names what is wrong.
  }
  if (!article) return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...DESK_RESPONSE_HEADERS } });
  return renderArticleShareImage(article, { headers: DESK_RESPONSE_HEADERS });
}
