import type { NextRequest } from 'next/server';
import { signIn } from '@/lib/desk/accounts';
import { DeskStoreUnavailableError } from '@/lib/desk/config';
import { DESK_RESPONSE_HEADERS, isHttpsRequest, loginPath } from '@/lib/desk/request';
import { isCrossSiteRequest } from '@/lib/preview/origin';
import { logError } from '@/lib/observability/log.mjs';

/**
 * The desk's login form posts here (a plain form: it works without JavaScript). Under /api/ because
 * the HTTP guard answers any other POST with 405 (lib/http/guard.ts). Answers with a 303: to the desk
 * with the session cookie, or back to the form with what went wrong, the same for an unknown
 * address as for a wrong password.
 */
export async function POST(request: NextRequest) {
  // Login CSRF: another site's page must not sign a visitor in to an account of its choosing.
  if (isCrossSiteRequest(request.headers)) return redirect(loginPath('refused'));
  let email = '';
  let password = '';
  try {
    const form = await request.formData();
    email = String(form.get('email') ?? '').slice(0, 320);
    password = String(form.get('password') ?? '').slice(0, 1024);
  } catch {
    return redirect(loginPath('invalid'));
  }
  if (!email.trim() || !password) return redirect(loginPath('invalid'));
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    result = await signIn({ email, password }, { secure: isHttpsRequest(request.headers, request.url) });
  } catch (error) {
    // The desk's store cannot be used (PostgreSQL down, tables missing): the reason goes to the
    // server's log, where the operator looks; the form says to try again.
    if (error instanceof DeskStoreUnavailableError) {
      logError(`desk: sign-in refused, ${error.message}`);
      return redirect(loginPath('storeDown'));
    }
    throw error;
  }
  if (!result.ok) return redirect(result.reason === 'locked' ? loginPath('locked', Math.ceil(result.retryAfterMs / 60_000)) : loginPath('invalid'));
  return redirect('/desk', result.setCookies);
}

function redirect(location: string, setCookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, ...DESK_RESPONSE_HEADERS });
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}
