import http from 'node:http';
import { securityHeaders, transportSecurityHeader } from './http-headers';

/**
 * The first code every request meets in `next start`, before Next's router (installed from
 * instrumentation.ts). Two things cannot be done inside Next for a statically generated site:
 *
 * - Method checks. Next serves a static page to POST, PUT, DELETE, PATCH or PROPFIND as if it
 *   were a GET (200), and answers TRACE with a 500 because the WHATWG Request it builds for the
 *   proxy and route handlers refuses that method. Pages and feeds here are read-only, so anything
 *   but GET and HEAD gets a 405. Route handlers under /api/ declare their own methods (Next
 *   answers 405 for the others), so only the methods no Request can hold are stopped there.
 * - Malformed percent escapes in paths Next serves files from (/_next/static/%c0%ae): 400, not 500.
 * - Headers on responses Next builds outside its `headers()` rules: the permanent redirects from
 *   next.config.ts go out without them. Setting them here first covers every response; Next's own
 *   rules then set the same values again.
 */

const READ_METHODS = new Set(['GET', 'HEAD']);
/** Methods the WHATWG fetch standard forbids: Next crashes on them wherever it builds a Request. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

export const ALLOWED_METHODS = 'GET, HEAD';

/**
 * Whether a path holds a malformed percent escape (e.g. "%c0%ae", "%ff") outside /id and /en.
 * Next's static file server answers those with a 500; under /id and /en, proxy.ts already turns
 * them into the localized 404 page.
 */
export function isMalformedPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?', 1)[0]!;
  if (!path.includes('%') || /^\/(id|en)(\/|$)/.test(path)) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Whether a request must be refused with 405 before it reaches Next. */
export function isMethodRefused(method: string | undefined, url: string | undefined): boolean {
  const verb = (method ?? '').toUpperCase();
  if (READ_METHODS.has(verb)) return false;
  if (FORBIDDEN_METHODS.has(verb)) return true;
  const path = (url ?? '/').split('?', 1)[0]!;
  return !path.startsWith('/api/');
}

function headersFor(siteUrl: string): [string, string][] {
  return [...securityHeaders(), ...transportSecurityHeader(siteUrl)].map(({ key, value }) => [key, value]);
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  req.resume();
}

const INSTALLED = Symbol.for('kabar-kini.http-guard');

/**
 * @param linkHeaderFor the `Link` header (hreflang alternates) of a public path, if it has one:
 *   static pages cannot set per-page headers in Next (lib/alternate-links.ts).
 */
export function installHttpGuard(
  siteUrl = process.env.SITE_URL || 'http://localhost:3000',
  linkHeaderFor: (path: string) => string | undefined = () => undefined,
): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const headers = headersFor(siteUrl);
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      for (const [key, value] of headers) res.setHeader(key, value);
      if (isMalformedPath(req.url)) {
        refuse(req, res, 400, 'Bad Request\n');
        return true;
      }
      if (isMethodRefused(req.method, req.url)) {
        res.setHeader('Allow', ALLOWED_METHODS);
        refuse(req, res, 405, 'Method Not Allowed\n');
        return true;
      }
      const link = linkHeaderFor((req.url ?? '/').split('?', 1)[0]!);
      if (link) res.setHeader('Link', link);
    }
    return (emit as (event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
