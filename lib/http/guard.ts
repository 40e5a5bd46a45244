import http from 'node:http';
import type net from 'node:net';
import { isLocale } from '../../i18n/languages';
import { securityHeaders, transportSecurityHeader } from './headers';

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
 * - Request targets that are not a path ("*", "http://evil.example/x"): 400, not a 500 or a
 *   redirect to the other host.
 * - Request bodies: at most MAX_REQUEST_BODY_BYTES, read here before Next sees the request (413
 *   past it, before reading when Content-Length says so). Next would read a body of any size.
 * - Next's on-demand revalidation header, whose key is the Draft Mode cookie's value: dropped, and
 *   the Draft Mode cookie itself only reaches Next beside a valid preview token.
 * - Unknown locale prefixes and escapes under a language's prefix: rewritten here, inside the process, to
 *   the localized 404 (a rewrite from proxy.ts goes out over the network, vercel/next.js#94745).
 * See docs/decisions/016-http-guard.md.
 */

const READ_METHODS = new Set(['GET', 'HEAD']);
/** Methods the WHATWG fetch standard forbids: Next crashes on them wherever it builds a Request. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

export const ALLOWED_METHODS = 'GET, HEAD';

/**
 * The largest request body any route accepts (preview exit form, publish webhook): 64 KiB. Larger
 * bodies get 413. Route handlers may rely on it: by the time they run, the body is already read.
 */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/**
 * Next's on-demand revalidation headers. Their key is Next's build-wide previewModeId, which is also
 * the Draft Mode cookie's value, so anyone who ever held that cookie could regenerate any page. The
 * site revalidates in-process (revalidatePath/revalidateTag), never through these headers.
 */
export const REVALIDATE_HEADERS = ['x-prerender-revalidate', 'x-prerender-revalidate-if-generated'] as const;

/** Next's Draft Mode cookie (its value is the build-wide previewModeId) and the Pages Router's twin. */
export const DRAFT_MODE_COOKIES = ['__prerender_bypass', '__next_preview_data'] as const;

const pathOf = (url: string | undefined) => (url ?? '/').split('?', 1)[0]!;

/** Whether a request target is not a path: "*" (asterisk-form) or "http://host/…" (absolute-form). */
export function isOddRequestTarget(url: string | undefined): boolean {
  return !url?.startsWith('/');
}

/**
 * Whether a path holds a malformed percent escape (e.g. "%c0%ae", "%ff") outside the languages' prefixes.
 * Next's static file server answers those with a 500; under a language's prefix, the internal rewrite
 * turns them into the localized 404 page.
 */
export function isMalformedPath(url: string | undefined): boolean {
  const path = pathOf(url);
  if (!path.includes('%') || isLocale(path.split('/')[1])) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/**
 * The path Next will route, with "..", "%2e%2e" and "\" resolved as Next resolves them (WHATWG URL
 * rules): "/api/%2e%2e/x" is a page path, not an API route.
 */
export function routedPath(url: string | undefined): string {
  try {
    return new URL(pathOf(url), 'http://guard.invalid').pathname;
  } catch {
    return pathOf(url);
  }
}

/** Whether a request must be refused with 405 before it reaches Next. */
export function isMethodRefused(method: string | undefined, url: string | undefined): boolean {
  const verb = (method ?? '').toUpperCase();
  if (READ_METHODS.has(verb)) return false;
  if (FORBIDDEN_METHODS.has(verb)) return true;
  // Both as sent and as routed: a path that only becomes /api/… after resolving dots is refused too.
  return !(pathOf(url).startsWith('/api/') && routedPath(url).startsWith('/api/'));
}

/** The value of one cookie in a Cookie header (the first, as servers read it). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** A Cookie header without the named cookies (undefined when nothing is left). */
export function withoutCookies(header: string, names: readonly string[]): string | undefined {
  const kept = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair && !names.includes(pair.split('=', 1)[0]!.trim()));
  return kept.length ? kept.join('; ') : undefined;
}

/** Declared body size: a number, NaN for a malformed Content-Length, undefined when none is declared. */
function declaredLength(req: http.IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  if (value === undefined) return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : NaN;
}

function hasBody(req: http.IncomingMessage): boolean {
  const length = declaredLength(req);
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== 0);
}

function headersFor(siteUrl: string): [string, string][] {
  return [...securityHeaders(), ...transportSecurityHeader(siteUrl)].map(({ key, value }) => [key, value]);
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string, close = false): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  req.resume();
}

/**
 * 413, and the connection closed so that the client stops sending the rest. Closed gently: Node
 * would close a socket with unread data at once, and the reset that sends can destroy the 413 before
 * the client reads it. So our side ends first, what still arrives is discarded, and the socket is
 * destroyed when the client closes or a second later.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  const socket = req.socket as net.Socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), 1_000).unref();
  };
  refuse(req, res, 413, `Payload Too Large (at most ${MAX_REQUEST_BODY_BYTES} bytes)\n`, true);
}

/**
 * Reads the request body (up to MAX_REQUEST_BODY_BYTES) before Next is given the request, then
 * replays it into the same stream: Next's route handlers read it as usual, and a body past the
 * limit is never held in memory. Chunked bodies are counted as they arrive.
 */
function readBoundedBody(req: http.IncomingMessage, res: http.ServerResponse, onComplete: () => void): void {
  const push = req.push;
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.push = function boundedPush(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (refused) return true;
    if (chunk === null) {
      req.push = push;
      for (const buffered of chunks) push.call(req, buffered);
      push.call(req, null);
      onComplete();
      return false;
    }
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, encoding);
    size += buffer.length;
    if (size > MAX_REQUEST_BODY_BYTES) {
      refused = true;
      chunks.length = 0;
      refuseTooLarge(req, res);
      return true;
    }
    chunks.push(buffer);
    return true;
  };
  req.on('error', () => undefined);
}

/**
 * Makes some response headers final: Next's later values for them are ignored (Vary is merged).
 * For the unknown-locale 404, whose language depends on the request's headers.
 */
function pinHeaders(res: http.ServerResponse, pinned: Record<string, string>): void {
  const names = new Set(Object.keys(pinned).map((k) => k.toLowerCase()));
  const setHeader = res.setHeader;
  for (const [key, value] of Object.entries(pinned)) setHeader.call(res, key, value);
  res.setHeader = function pinnedSetHeader(this: http.ServerResponse, name: string, value: number | string | readonly string[]) {
    const lower = name.toLowerCase();
    if (lower === 'vary') {
      const merged = new Set([...String(pinned.Vary ?? '').split(','), ...String(value).split(',')].map((v) => v.trim()).filter(Boolean));
      return setHeader.call(this, name, [...merged].join(', '));
    }
    return names.has(lower) ? this : setHeader.call(this, name, value);
  } as typeof res.setHeader;
}

/**
 * A response has one Location (RFC 9110 §10.2.2). Next sets it on the first render of a
 * prerendered redirect and then appends the route's own copy, so the same Location went out twice
 * (page-1 lists, another language's slug): appending a Location replaces it here.
 */
function singleLocation(res: http.ServerResponse): void {
  const appendHeader = res.appendHeader;
  res.appendHeader = function appendOrReplace(this: http.ServerResponse, name: string, value: string | readonly string[]) {
    return name.toLowerCase() === 'location' ? this.setHeader(name, value) : appendHeader.call(this, name, value);
  } as typeof res.appendHeader;
}

/** An internal rewrite: the path Next should render instead, and headers the response must keep. */
export interface InternalRewrite {
  path: string;
  headers?: Record<string, string>;
}

export interface HttpGuardOptions {
  siteUrl?: string;
  /**
   * The `Link` header (hreflang alternates) of a public path, if it has one: static pages cannot
   * set per-page headers in Next (lib/seo/alternate-links.ts).
   */
  linkHeaderFor?: (path: string) => string | undefined;
  /** Paths rendered as another path inside the process (the localized 404s). */
  internalRewrite?: (path: string, headers: http.IncomingHttpHeaders) => InternalRewrite | undefined;
  /** Whether a request's cookies may keep Next's Draft Mode cookie (a valid preview token beside it). */
  draftModeAllowed?: (cookieHeader: string) => boolean;
}

const INSTALLED = Symbol.for('kabar-kini.http-guard');

export function installHttpGuard({
  siteUrl = process.env.SITE_URL || 'http://localhost:3000',
  linkHeaderFor = () => undefined,
  internalRewrite = () => undefined,
  draftModeAllowed = () => false,
}: HttpGuardOptions = {}): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const headers = headersFor(siteUrl);
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request') return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    for (const [key, value] of headers) res.setHeader(key, value);
    singleLocation(res);
    if (isOddRequestTarget(req.url) || isMalformedPath(req.url)) {
      refuse(req, res, 400, 'Bad Request\n');
      return true;
    }
    if (isMethodRefused(req.method, req.url)) {
      res.setHeader('Allow', ALLOWED_METHODS);
      refuse(req, res, 405, 'Method Not Allowed\n');
      return true;
    }
    const length = declaredLength(req);
    if (length !== undefined && !(length <= MAX_REQUEST_BODY_BYTES)) {
      refuseTooLarge(req, res);
      return true;
    }
    for (const name of REVALIDATE_HEADERS) delete req.headers[name];
    const cookie = req.headers.cookie;
    if (cookie && DRAFT_MODE_COOKIES.some((name) => readCookie(cookie, name) !== undefined) && !draftModeAllowed(cookie)) {
      const kept = withoutCookies(cookie, DRAFT_MODE_COOKIES);
      if (kept) req.headers.cookie = kept;
      else delete req.headers.cookie;
    }
    const path = pathOf(req.url);
    const rewrite = internalRewrite(path, req.headers);
    if (rewrite) {
      req.url = rewrite.path;
      if (rewrite.headers) pinHeaders(res, rewrite.headers);
    }
    const link = linkHeaderFor(path);
    if (link) res.setHeader('Link', link);
    if (!hasBody(req)) return emit.call(this, event, ...args);
    readBoundedBody(req, res, () => emit.call(this, event, ...args));
    return true;
  } as typeof proto.emit;
}
