import type { NextRequest } from 'next/server';
import { signOut } from '@/lib/desk/accounts';
import { DESK_RESPONSE_HEADERS, isHttpsRequest, loginPath } from '@/lib/desk/request';
import { isCrossSiteRequest } from '@/lib/preview/origin';

/**
 * Ends the session: its row is deleted, so the old cookie opens nothing even if it was copied,
 * and the browser is told to forget it. A POST from the desk's own page only.
 */
export async function POST(request: NextRequest) {
  if (isCrossSiteRequest(request.headers)) {
    return new Response('Forbidden: the desk signs out from its own pages only.\n', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...DESK_RESPONSE_HEADERS } });
  }
  const setCookies = await signOut(request.headers, { secure: isHttpsRequest(request.headers, request.url) });
  const headers = new Headers({ Location: loginPath(), ...DESK_RESPONSE_HEADERS });
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}
