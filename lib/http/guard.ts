import http from 'node:http';
import type net from 'node:net';
import { isLocale } from '../../i18n/languages';
import { mediaLimits } from '../media/limits';
import { previewFramingHeaders, securityHeaders, transportSecurityHeader } from './headers';
import { currentRequest, logDebug, requestIdFrom, runInRequest, type RequestContext } from '../observability/log.mjs';
import { observeRequest } from '../observability/metrics.mjs';
import { answerMetrics, METRICS_PATH } from './metrics-endpoint';
import { answerVitals, VITALS_PATH } from './vitals-endpoint';
import { routeKind } from './route-kind';

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
 * - Request bodies: at most MAX_REQUEST_BODY_BYTES (a photo upload: the media size limit, requestBodyLimit), read here before Next sees the request (413
 *   past it, before reading when Content-Length says so). Next would read a body of any size.
 * - Next's on-demand revalidation header, whose key is the Draft Mode cookie's value: dropped, and
 *   the Draft Mode cookie itself only reaches Next beside a valid preview token.
 * - Unknown locale prefixes and escapes under a language's prefix: rewritten here, inside the process, to
 *   the localized 404 (a rewrite from proxy.ts goes out over the network, vercel/next.js#94745).
 * - Non-canonical paths (dot segments, encoded or not, doubled slashes, backslashes, a fragment in
 *   the request target): a 308 to the canonical path. Next resolved the dots and answered 200, so a
 *   page had a second URL that caches kept apart from the first (and a purge of the first missed).
 * - `Expect: 100-continue`: answered only once the checks above pass; a refused request gets its
 *   final status without a 100, and a refused request whose body is not read closes the connection.
 * - The health endpoints, `/healthz` and `/readyz`: answered here, before Next (no render, no
 *   language redirect).
 * - `POST /api/vitals`, the Web Vitals beacons (lib/http/vitals-endpoint.ts).
 * - `/metrics` for a scraper with METRICS_TOKEN (lib/http/metrics-endpoint.ts), and each request's
 *   duration by route kind and status class (lib/observability/metrics.mjs).
 * - The request id (X-Request-Id, taken from the front or made here, echoed on the response) and
 *   the log context every line written while the request is served carries (lib/observability/log.mjs).
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

/** The desk's photo upload (app/api/desk/photos): the one route whose body may be larger. */
export const PHOTO_UPLOAD_PATH = '/api/desk/photos';

/**
 * The largest body a request may carry: 64 KiB, but a photo upload may carry a photo at the media
 * size limit (lib/media/limits.ts) and the form around it. Judged on the path as sent and as
 * routed alike, so no spelling of another route gets the larger cap.
 */
export function requestBodyLimit(url: string | undefined): number {
  return pathOf(url) === PHOTO_UPLOAD_PATH && routedPath(url) === PHOTO_UPLOAD_PATH ? mediaLimits().maxBytes + MAX_REQUEST_BODY_BYTES : MAX_REQUEST_BODY_BYTES;
}

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

/** A path segment the WHATWG URL parser reads as "." or "..", "%2e" included, in any case. */
const DOT_SEGMENT = /^(?:\.|%2e)$/i;
const DOUBLE_DOT_SEGMENT = /^(?:\.|%2e){2}$/i;

/**
 * Where a non-canonical request target belongs: the path with dot segments (".", "..", "%2e",
 * ".%2E"…) resolved, doubled slashes and backslashes (which browsers read as "/") collapsed and the
 * fragment dropped, its query string kept. Nothing else changes: other escapes stay as sent.
 * `undefined` when the target is canonical already (a trailing slash alone is left to Next, which
 * redirects it itself), `null` when its ".." climb above the root: there is no such page, and the
 * answer must not be a redirect to whatever the climb would leave. The result always starts with
 * exactly one "/" followed by a segment or nothing, so it can only name a path on this site (never
 * "//evil.example").
 */
export function canonicalLocation(url: string | undefined): string | null | undefined {
  const target = url ?? '/';
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const q = withoutFragment.indexOf('?');
  const path = q === -1 ? withoutFragment : withoutFragment.slice(0, q);
  const query = q === -1 ? '' : withoutFragment.slice(q);
  let odd = hash !== -1 || path.includes('\\');
  const segments = path.split(/[/\\]/);
  const kept: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    if (DOUBLE_DOT_SEGMENT.test(segment)) {
      odd = true;
      if (!kept.length) return null;
      kept.pop();
    } else if (DOT_SEGMENT.test(segment)) {
      odd = true;
    } else if (segment === '') {
      if (i !== segments.length - 1) odd = true;
    } else {
      kept.push(segment);
    }
  }
  return odd ? `/${kept.join('/')}${query}` : undefined;
}

/** The desk's pages and routes: never framed, preview or not. */
const isDeskPath = (path: string) => /^\/(?:api\/)?desk(?:\/|$)/.test(path);

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

/**
 * Whether a refused request's body is left unread and the connection closed after the answer: a
 * body larger than the limit or of unknown size (chunked, a malformed length) is not worth reading
 * to keep the connection, and a client that asked `Expect: 100-continue` was never told to send it.
 * A small declared body is read and discarded, and the connection kept.
 */
function closesAfterRefusal(req: http.IncomingMessage): boolean {
  if (req.headers.expect !== undefined) return true;
  if (!hasBody(req)) return false;
  const length = declaredLength(req);
  return req.headers['transfer-encoding'] !== undefined || !(length! <= requestBodyLimit(req.url));
}

/**
 * Ends the connection after this response without reading the request's body. Closed gently: Node
 * would close a socket with unread data at once, and the reset that sends can destroy the answer
 * before the client reads it. So our side ends first (the client, seeing the answer and the end,
 * stops sending), what is already in flight is discarded, and the socket is destroyed when the
 * client closes or a second later.
 */
function closeAfterResponse(req: http.IncomingMessage, res: http.ServerResponse): void {
  const socket = req.socket as net.Socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), 1_000).unref();
  };
  res.shouldKeepAlive = false;
  res.setHeader('Connection', 'close');
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string, extraHeaders: Record<string, string> = {}): void {
  const close = closesAfterRefusal(req);
  if (close) closeAfterResponse(req, res);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  if (!close) req.resume();
}

/**
 * Why a photo upload is refused for its size, as the upload route says it (messages/*.json
 * Desk.photos.refused.too-large), Indonesian first as the desk speaks, then English: the guard
 * answers before Next, so without next-intl. `length` is the declared size, if any.
 */
export function photoTooLargeMessage(length: number | undefined): { id: string; en: string } {
  const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
  const limit = mb(mediaLimits().maxBytes);
  // Unknown (chunked, malformed) or rounding to the limit itself: "more than" the limit.
  const size = length !== undefined && Number.isFinite(length) && mb(length) !== limit ? mb(length) : undefined;
  return {
    id: `Berkas ini ${size ?? `lebih dari ${limit}`}; foto paling besar ${limit}. Ekspor JPEG yang lebih kecil (lebar sekitar 4000 px sudah cukup).`,
    en: `The file is ${size ?? `more than ${limit}`}; photos may be at most ${limit}. Export a smaller JPEG (about 4000 px wide is plenty).`,
  };
}

/** 413, and the connection closed so that the client stops sending the rest. */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  closeAfterResponse(req, res);
  if (pathOf(req.url) === PHOTO_UPLOAD_PATH) {
    // A photo posted without the desk's script lands on this answer: the route's own words, not
    // a byte count. The script (Accept: JSON) shows `message`, as it does for the route's refusals.
    const { id, en } = photoTooLargeMessage(declaredLength(req));
    if ((req.headers.accept ?? '').includes('application/json')) {
      refuse(req, res, 413, JSON.stringify({ reason: 'too-large', message: id }), { 'Content-Type': 'application/json; charset=utf-8', 'Content-Language': 'id' });
    } else refuse(req, res, 413, `${id}\n\n${en}\n`, { 'Content-Language': 'id, en' });
    return;
  }
  refuse(req, res, 413, `Payload Too Large (at most ${requestBodyLimit(req.url)} bytes)\n`);
}

/**
 * Reads the request body (up to requestBodyLimit) before Next is given the request, then
 * replays it into the same stream: Next's route handlers read it as usual, and a body past the
 * limit is never held in memory. Chunked bodies are counted as they arrive.
 */
function readBoundedBody(req: http.IncomingMessage, res: http.ServerResponse, onComplete: (replay: () => void) => void): void {
  const push = req.push;
  const limit = requestBodyLimit(req.url);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.push = function boundedPush(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (refused) return true;
    if (chunk === null) {
      req.push = push;
      // The body is handed on by the caller, inside the request's log context, so the stream's
      // 'data' and 'end' (and what their listeners schedule) run in it too.
      onComplete(() => {
        for (const buffered of chunks) push.call(req, buffered);
        push.call(req, null);
      });
      return false;
    }
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, encoding);
    size += buffer.length;
    if (size > limit) {
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
  /** What `/readyz` reports (lib/http/health.ts): whether the instance can serve, one line per check. */
  readiness?: () => Promise<Readiness>;
}

/** The answer of a readiness check: ready or not, and one line per thing checked. */
export interface Readiness {
  ready: boolean;
  lines: string[];
}

/** The process answers: no render, no store, nothing to wait on. */
export const HEALTH_PATH = '/healthz';
/** The instance can serve: its content is loaded and what it is configured to use answers. */
export const READY_PATH = '/readyz';

function answerHealth(req: http.IncomingMessage, res: http.ServerResponse, status: number, lines: string[]): void {
  const body = `${lines.join('\n')}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // Never kept by a cache: an old "ready" would hide an instance that is not.
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const INSTALLED = Symbol.for('kabar-kini.http-guard');
/** The request's id and route kind, kept on the request so the 'checkContinue' and 'request' events share one. */
const REQUEST_CONTEXT = Symbol('kabar-kini.request-context');

/** The listener that makes Node emit 'checkContinue' instead of answering `100 Continue` itself. */
function continueDecidedByGuard(): void {
  // Never called: the guard's emit takes the event (see installHttpGuard).
}

export function installHttpGuard({
  siteUrl = process.env.SITE_URL || 'http://localhost:3000',
  linkHeaderFor = () => undefined,
  internalRewrite = () => undefined,
  draftModeAllowed = () => false,
  readiness = async () => ({ ready: true, lines: [] }),
}: HttpGuardOptions = {}): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const headers = headersFor(siteUrl);
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

  /** The answers given before Next sees the request: refusals, redirects, health. True when answered. */
  const answeredHere = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    for (const [key, value] of headers) res.setHeader(key, value);
    singleLocation(res);
    if (isOddRequestTarget(req.url) || isMalformedPath(req.url)) {
      refuse(req, res, 400, 'Bad Request\n');
      return true;
    }
    if (isMethodRefused(req.method, req.url)) {
      refuse(req, res, 405, 'Method Not Allowed\n', { Allow: ALLOWED_METHODS });
      return true;
    }
    const length = declaredLength(req);
    if (length !== undefined && !(length <= requestBodyLimit(req.url))) {
      refuseTooLarge(req, res);
      return true;
    }
    const canonical = canonicalLocation(req.url);
    if (canonical === null) {
      refuse(req, res, 400, 'Bad Request: the path climbs above the site\n');
      return true;
    }
    if (canonical !== undefined) {
      refuse(req, res, 308, `Permanent Redirect: ${canonical}\n`, { Location: canonical });
      return true;
    }
    const path = pathOf(req.url);
    if (path === HEALTH_PATH) {
      answerHealth(req, res, 200, ['ok']);
      return true;
    }
    if (path === METRICS_PATH) {
      answerMetrics(req, res);
      return true;
    }
    if (path === VITALS_PATH) {
      answerVitals(req, res);
      return true;
    }
    if (path === READY_PATH) {
      // Through a promise from the start: a check that throws at once is a 503 too, never an exception here.
      Promise.resolve().then(readiness).then(
        ({ ready, lines }) => answerHealth(req, res, ready ? 200 : 503, [ready ? 'ready' : 'not ready', ...lines]),
        (error: unknown) => answerHealth(req, res, 503, ['not ready', `readiness check failed: ${(error as Error)?.message ?? error}`]),
      );
      return true;
    }
    return false;
  };

  /**
   * Every request gets its id (the front's X-Request-Id when sane, else a new one), echoed in the
   * response's X-Request-Id, and is served inside its log context: each line logged while it is
   * served, in the guard, Next or a route, names it and its route kind (lib/observability/log.mjs).
   */
  const requestContext = (req: http.IncomingMessage, res: http.ServerResponse): RequestContext => {
    const tracked = req as http.IncomingMessage & { [REQUEST_CONTEXT]?: RequestContext };
    if (tracked[REQUEST_CONTEXT]) return tracked[REQUEST_CONTEXT];
    const context = { requestId: requestIdFrom(req.headers['x-request-id']), route: routeKind(routedPath(req.url)) };
    tracked[REQUEST_CONTEXT] = context;
    req.headers['x-request-id'] = context.requestId;
    res.setHeader('X-Request-Id', context.requestId);
    // Its duration, by route kind and status class, once the response has gone out.
    const started = process.hrtime.bigint();
    // At LOG_LEVEL=debug, one line per request (method, path without its query, status, time): never
    // its headers, cookies or query string, where tokens travel.
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observeRequest(context.route, res.statusCode, seconds);
      runInRequest(context, () => logDebug(`${req.method} ${pathOf(req.url)} ${res.statusCode}`, { status: res.statusCode, ms: Math.round(seconds * 1e4) / 10 }));
    });
    return context;
  };

  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request' && event !== 'checkContinue') return guardedEmitInRequest.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    return runInRequest(requestContext(req, res), () => guardedEmitInRequest.call(this, event, ...args));
  } as typeof proto.emit;

  const guardedEmitInRequest = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    // Node answers `Expect: 100-continue` itself, before the request is seen, unless the server
    // listens for 'checkContinue': then it emits that instead and leaves the 100 to it. So every
    // server gets that listener, and the guard takes the event: the checks first, the 100 only if
    // they pass (a refused request gets its final status alone), then the request as usual.
    if (event === 'connection' && this.listenerCount('checkContinue') === 0) this.on('checkContinue', continueDecidedByGuard);
    if (event === 'checkContinue') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (answeredHere(req, res)) return true;
      res.writeContinue();
      return this.emit('request', req, res);
    }
    if (event !== 'request') return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if (answeredHere(req, res)) return true;
    for (const name of REVALIDATE_HEADERS) delete req.headers[name];
    const cookie = req.headers.cookie;
    const path = pathOf(req.url);
    if (cookie && DRAFT_MODE_COOKIES.some((name) => readCookie(cookie, name) !== undefined)) {
      if (!draftModeAllowed(cookie)) {
        const kept = withoutCookies(cookie, DRAFT_MODE_COOKIES);
        if (kept) req.headers.cookie = kept;
        else delete req.headers.cookie;
      } else if (!isDeskPath(path)) {
        // A preview's page (private, never stored by a cache) may be framed by the desk's preview panel.
        pinHeaders(res, previewFramingHeaders());
      }
    }
    const rewrite = internalRewrite(path, req.headers);
    if (rewrite) {
      req.url = rewrite.path;
      if (rewrite.headers) pinHeaders(res, rewrite.headers);
    }
    const link = linkHeaderFor(path);
    if (link) res.setHeader('Link', link);
    if (!hasBody(req)) return emit.call(this, event, ...args);
    // In this request's log context: the body's end arrives in the socket's. The body is pushed
    // inside it too: on Node 22 (async_hooks), the stream's 'end' otherwise runs in the socket's.
    const context = currentRequest();
    readBoundedBody(req, res, (replay) => {
      const handOn = () => {
        replay();
        emit.call(this, event, ...args);
      };
      if (context) runInRequest(context, handOn);
      else handOn();
    });
    return true;
  };
}
