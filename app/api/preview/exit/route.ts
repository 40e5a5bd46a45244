import { cookies, draftMode } from 'next/headers';
import type { NextRequest } from 'next/server';
import { LOCALE_COOKIE } from '@/i18n/locale-cookie';
import { negotiateLocale } from '@/lib/http/negotiate';
import { safeReturnPath } from '@/lib/preview/return-path';
import { isCrossSiteRequest } from '@/lib/preview/origin';
import { PREVIEW_COOKIE, PREVIEW_RESPONSE_HEADERS, previewCookieOptions } from '@/lib/preview/session';
import { homePath } from '@/lib/urls';

/**
 * "Exit preview" (a plain form POST from the banner, so it works without JavaScript and is never
 * prefetched): Draft Mode off, token cookie gone, back to the public page the form names if it is
 * one of ours, else the home page.
 */
export async function POST(request: NextRequest) {
  // Only the banner's own form may end a preview: another site cannot log an editor out of it.
  if (isCrossSiteRequest(request.headers)) {
    return new Response('Forbidden\n', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PREVIEW_RESPONSE_HEADERS } });
  }
  const form = await request.formData().catch(() => undefined);
  const home = homePath(negotiateLocale(request.headers.get('accept-language'), request.cookies.get(LOCALE_COOKIE)?.value));
  const target = safeReturnPath(form?.get('return'), home);

  (await draftMode()).disable();
  (await cookies()).set(PREVIEW_COOKIE, '', previewCookieOptions(new Date(0)));
  return new Response(null, { status: 303, headers: { Location: target, ...PREVIEW_RESPONSE_HEADERS } });
}
