/**
 * Facts about a desk request that the desk's pages and route handlers share.
 */

/**
 * Whether the browser reached the site over https: the TLS-terminating proxy says so in
 * X-Forwarded-Proto (its first value, nearest the browser), or the URL itself is https. The session
 * cookie is `Secure` (and `__Secure-` prefixed) then; over plain http (a laptop, the tests) it cannot be.
 */
export function isHttpsRequest(headers: Headers, url?: string): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',', 1)[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  return url?.startsWith('https:') ?? false;
}

/** Headers of every desk response: one editor's page, never kept by a cache, never indexed. */
export const DESK_RESPONSE_HEADERS = {
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex, nofollow',
} as const;

/** Where the login form sends an editor back to, with what went wrong. */
export function loginPath(problem?: 'invalid' | 'locked' | 'refused' | 'storeDown', minutes?: number): string {
  if (!problem) return '/desk/login';
  const query = new URLSearchParams({ error: problem });
  if (minutes !== undefined) query.set('minutes', String(minutes));
  return `/desk/login?${query}`;
}
