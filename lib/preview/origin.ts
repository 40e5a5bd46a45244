/**
 * Whether a state-changing request comes from another site's page: a browser says so in
 * Sec-Fetch-Site (sent with every POST by current browsers), older ones by an Origin naming another
 * host than the one the request was sent to. Clients without either header (curl, scripts) are no
 * CSRF risk: they hold no editor's cookies.
 */
export function isCrossSiteRequest(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = headers.get('origin');
  if (!origin) return false;
  if (origin === 'null') return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
