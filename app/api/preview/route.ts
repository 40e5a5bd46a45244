import { cookies, draftMode } from 'next/headers';
import type { NextRequest } from 'next/server';
import { LOCALE_COOKIE } from '@/i18n/locale-cookie';
import { negotiateLocale } from '@/lib/http/negotiate';
import { previewProblemResponse, previewsOffResponse } from '@/lib/preview/responses';
import { previewSecret } from '@/lib/preview/secret';
import { DRAFT_MODE_COOKIE, PREVIEW_COOKIE, PREVIEW_RESPONSE_HEADERS, previewCookieOptions, readArticlesNow } from '@/lib/preview/session';
import { previewTargetPath } from '@/lib/preview/target';
import { verifyPreviewToken } from '@/lib/preview/token.mjs';
import { isLocale } from '@/i18n/languages';

/**
 * Opens a preview link (made by `npm run preview-link`): checks the signed token, turns Draft Mode
 * on and sends the editor to the story's own page. The destination comes from the token's story
 * alone; any other query parameter (redirect, next, url…) is ignored.
 */
export async function GET(request: NextRequest) {
  const secret = previewSecret();
  if (!secret) return previewsOffResponse();

  const token = request.nextUrl.searchParams.get('token');
  const check = verifyPreviewToken(token, secret);
  const readerLocale = () => negotiateLocale(request.headers.get('accept-language'), request.cookies.get(LOCALE_COOKIE)?.value);
  if (!check.ok) {
    const hinted = check.reason === 'malformed' ? undefined : check.locale;
    return previewProblemResponse(isLocale(hinted) ? hinted : readerLocale(), 401);
  }
  const { claims } = check;
  const locale = claims.locale;
  if (!isLocale(locale)) return previewProblemResponse(readerLocale(), 401);

  const target = previewTargetPath(claims, readArticlesNow());
  if (!target) return previewProblemResponse(locale, 404);

  (await draftMode()).enable();
  const jar = await cookies();
  const expires = new Date(claims.expiresAt * 1000);
  jar.set(PREVIEW_COOKIE, token!, previewCookieOptions(expires));
  // Next's Draft Mode cookie is a session cookie; it ends with the link here. (Its value is the same
  // for every link, so the HTTP guard also ignores it without a valid token beside it.)
  const bypass = jar.get(DRAFT_MODE_COOKIE)?.value;
  if (bypass) jar.set(DRAFT_MODE_COOKIE, bypass, previewCookieOptions(expires));
  // A relative Location: the browser stays on the host it used, whatever SITE_URL says.
  return new Response(null, { status: 303, headers: { Location: target, ...PREVIEW_RESPONSE_HEADERS } });
}
