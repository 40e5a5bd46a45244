import { createHash } from 'node:crypto';
import http from 'node:http';
import { NextCouplingError, READER_HTML_REWRITE_ENV } from './next-couplings.mjs';
import { logError } from '../observability/log.mjs';

/**
 * Reader pages leave the server without the App Router's client runtime (decision 020).
 *
 * Every page here is plain HTML with links that load the next page: nothing navigates on the
 * client, and the only behaviour is the drawer's. Yet Next sends every page with its runtime
 * (React, the router: ≈ 170 KB gzip of script) and the page's RSC payload (the page a second time,
 * as inline scripts), and a phone parses, compiles and hydrates all of it. Measured with
 * `npm run lighthouse`, that was more main-thread work than the rest of the page.
 *
 * So HTML responses are rewritten on their way out: Next's scripts (`/_next/static/…` sources,
 * their preloads, the chunk list and the `self.__next_f` payload rows) are removed, and the drawer's
 * own script (components/site-menu-enhancer.ts, ≈ 3 KB) goes in before `</body>`. Everything else
 * is kept as Next wrote it: JSON-LD, the stylesheet, streamed Suspense content and its inline
 * reveal scripts. Next Development (`next dev`) is left alone, so Fast Refresh keeps working: there
 * the drawer is the checkbox drawer without its script.
 *
 * The rewrite sits under Next's compression: the body is collected uncompressed, rewritten, and
 * handed to whatever Next installed for `res.write`/`res.end` (the gzip stream or Node's own). The
 * ETag stays Next's: it is a hash of the page before the rewrite, which decides the page after it.
 *
 * With no client router on these pages, nothing asks them for an RSC payload, so they do not vary
 * on the router's request headers either (issue 22): the headers are dropped before Next sees the
 * request (a request carrying them gets the same HTML as any other, not a payload or a redirect
 * to `?_rsc`), and their names are taken out of `Vary`, which leaves `Accept-Encoding`. Each
 * variant they made was one more copy of the page in every shared cache.
 */

/**
 * Next's client runtime in a page's HTML, in one pattern (one pass over the page: applied one after
 * another, the four took 2 ms on a 70 KB article, this takes 0.02):
 * - its script files, module or not (the `noModule` polyfills too);
 * - preloads of those files;
 * - the chunk list the runtime loads from (Turbopack), and the RSC payload rows, which only the
 *   runtime reads.
 */
const RUNTIME =
  /<script\b[^>]*\bsrc="\/_next\/static\/[^"]*"[^>]*>\s*<\/script>|<link\b(?=[^>]*\bas="script")(?=[^>]*\bhref="\/_next\/static\/)[^>]*>|<script\b[^>]*>\s*(?:\(globalThis\["TURBOPACK"\]|\(?self\.__next_f\b)[\s\S]*?<\/script>/g;

/** The page's HTML without Next's client runtime, with `script` before `</body>` when given. */
export function withoutClientRuntime(html: string, script?: string): string {
  return withScript(html.replace(RUNTIME, ''), script);
}

function withScript(out: string, script?: string): string {
  if (!script) return out;
  const at = out.lastIndexOf('</body>');
  return at === -1 ? out : `${out.slice(0, at)}<script>${script}</script>${out.slice(at)}`;
}

/**
 * What of Next's client runtime may be left in a page after the rewrite, by what it is: each is a
 * shape of Next's that RUNTIME does not match (a new script attribute order, a preload other than
 * `as="script"`, a payload outside `self.__next_f` scripts). Quoted forms only: a story's text
 * cannot hold them, React escapes its quotes (and `=/_next/…js`, an unquoted attribute, is not prose).
 */
const LEFTOVERS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /<template\b[^>]*\bdata-next-flight\b/, what: 'the RSC payload as <template data-next-flight> (experimental.externalBrowserRuntime)' },
  { pattern: /\b__next_f\b/, what: 'RSC payload rows (self.__next_f) in a script shape the rewrite does not match' },
  { pattern: /globalThis\["TURBOPACK"\]/, what: "Turbopack's chunk list in a script shape the rewrite does not match" },
  { pattern: /["'(=]\/_next\/static\/[^"'\s)>]*\.m?js\b/, what: "a reference to one of Next's script files (/_next/static/…js) in a tag the rewrite does not match" },
];

/** What the rewrite left of Next's client runtime in `out`, or undefined when nothing. */
export function runtimeLeftover(out: string): string | undefined {
  for (const { pattern, what } of LEFTOVERS) {
    const match = pattern.exec(out);
    if (match) {
      const at = match.index;
      return `${what}, at …${out.slice(Math.max(0, at - 40), at + 80)}…`;
    }
  }
  return undefined;
}

/**
 * The page without Next's client runtime, or a NextCouplingError when part of it is left: a page
 * with half the runtime would load scripts that fail, or the payload for nothing (decision 027).
 */
export function withoutClientRuntimeChecked(html: string, script?: string): string {
  // Checked before the drawer's script goes in: only Next's part of the page is judged.
  const out = html.replace(RUNTIME, '');
  const left = runtimeLeftover(out);
  if (left) {
    throw new NextCouplingError(
      'rewrite',
      `a page still holds ${left}`,
      `Until reader-html.ts knows the shape, such pages go out as Next wrote them (whole runtime); ${READER_HTML_REWRITE_ENV}=off serves every page so.`,
    );
  }
  return withScript(out, script);
}

/** Reported once per process: the first page the rewrite could not make whole. */
let reportedLeftover = false;

/**
 * The page rewritten, or, when the rewrite would leave part of the runtime, the page as Next wrote
 * it (runtime and all, a working page) with the coupling's error logged once.
 */
export function readerPage(html: string, script: string | undefined, log: (line: string) => void = (line) => logError(line)): string {
  try {
    return withoutClientRuntimeChecked(html, script);
  } catch (error) {
    if (!(error instanceof NextCouplingError)) throw error;
    if (!reportedLeftover) {
      reportedLeftover = true;
      log(error.message);
    }
    return html;
  }
}

/**
 * Rewritten pages by URL and the SHA-256 of the page before the rewrite: a page served again is not
 * decoded and rewritten again, and two pages never share an entry (Next's ETag, a 52-bit hash,
 * with the length was the key before, the same for every URL). Bounded: the least recently used
 * goes first.
 */
const rewritten = new Map<string, Buffer>();
const REWRITTEN_MAX = 256;

/**
 * The key a page is kept under: its path and a strong hash of its body. Not the query string: no
 * reader page reads one, and a unique `?fbclid=` on every click reaching an instance directly would
 * otherwise push every other page out of the 256.
 */
export function rewriteKey(url: string, body: Buffer): string {
  return `${url.split('?', 1)[0]}\n${createHash('sha256').update(body).digest('base64url')}`;
}

export function cachedRewrite(key: string, body: Buffer, rewrite: (html: string) => string): Buffer {
  const hit = rewritten.get(key);
  if (hit) {
    rewritten.delete(key);
    rewritten.set(key, hit);
    return hit;
  }
  const out = Buffer.from(rewrite(body.toString('utf8')), 'utf8');
  rewritten.set(key, out);
  if (rewritten.size > REWRITTEN_MAX) rewritten.delete(rewritten.keys().next().value!);
  return out;
}

/**
 * Path prefixes whose pages keep Next's client runtime, and with it the router's RSC requests and
 * `Vary`: the editors' desk (decision 026). Reader pages never do (decision 020).
 */
export const CLIENT_ROUTER_PATHS: readonly string[] = ['/desk'];

/**
 * The App Router's request headers (its client asks for RSC payloads, prefetches, segments with
 * them) and the names Next puts in `Vary` for them.
 */
export const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url', 'next-hmr-refresh'] as const;

/** Whether a path is a reader page (or a feed, a sitemap…): not Next's assets, the API, or a client-router path. */
export function isReaderPath(url: string): boolean {
  if (url.startsWith('/_next/') || url.startsWith('/api/')) return false;
  return !CLIENT_ROUTER_PATHS.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));
}

/** Whether a request may get a rewritten page: a read of a reader path. */
export function isDocumentRequest(req: http.IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && isReaderPath(req.url ?? '/');
}

/** A `Vary` value without the router's headers (undefined when nothing is left). */
export function withoutRouterVary(value: string): string | undefined {
  const kept = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !(ROUTER_HEADERS as readonly string[]).includes(name.toLowerCase()));
  return kept.length ? kept.join(', ') : undefined;
}

/**
 * Takes the router's headers out of the request before Next reads them, and their names out of the
 * response's `Vary` just before the headers leave (every response goes through `writeHead`, Node's
 * implicit one included).
 */
function withoutRouterVariants(req: http.IncomingMessage, res: http.ServerResponse): void {
  for (const name of ROUTER_HEADERS) delete req.headers[name];
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadWithoutRouterVary(this: http.ServerResponse, ...args: unknown[]) {
    const vary = this.getHeader('vary');
    if (vary !== undefined) {
      const kept = withoutRouterVary(Array.isArray(vary) ? vary.join(', ') : String(vary));
      if (kept) this.setHeader('Vary', kept);
      else this.removeHeader('Vary');
    }
    // Headers handed to writeHead itself (an object; Next passes none, but others may).
    const headers = args.find((a, i) => i > 0 && a && typeof a === 'object' && !Array.isArray(a)) as Record<string, unknown> | undefined;
    if (headers) {
      for (const key of Object.keys(headers)) {
        if (key.toLowerCase() !== 'vary') continue;
        const kept = withoutRouterVary(String(headers[key]));
        if (kept) headers[key] = kept;
        else delete headers[key];
      }
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

const INSTALLED = Symbol.for('kabar-kini.reader-html');

/**
 * Installs the rewrite for every HTML response of `next start` (called from instrumentation.ts).
 * `script` is the inline script a page with the drawer gets (the drawer's id tells).
 */
export function installReaderHtml({ script, pageScript }: { script: string; pageScript?: (path: string) => string | undefined }): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function readerHtmlEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (isDocumentRequest(req)) {
        withoutRouterVariants(req, res);
        const url = req.url ?? '/';
        // The drawer's script, and what belongs to this page alone (the Web Vitals loader, with its kind).
        const scriptOf = () => `${script}${pageScript?.(url.split('?', 1)[0]!) ?? ''}`;
        rewriteHtmlOf(res, url, req.method === 'HEAD', (html) => readerPage(html, html.includes('id="site-drawer"') ? scriptOf() : undefined));
      }
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}

type Write = (this: http.ServerResponse, ...args: unknown[]) => boolean;
type End = (this: http.ServerResponse, ...args: unknown[]) => http.ServerResponse;

/**
 * Collects an HTML response's body and passes it on rewritten. `res.write` and `res.end` stay
 * assignable: Next's compression replaces them after this, keeping what it read as the step below
 * itself. So each assignment demotes the function it replaced to a plain pass-through to what was
 * below it (that is how the gzip stream's output reaches Node), and a new top function, which
 * collects or passes on, is put above what was assigned.
 */
function rewriteHtmlOf(res: http.ServerResponse, url: string, head: boolean, rewrite: (html: string) => string): void {
  let state: 'undecided' | 'collecting' | 'passing' | 'done' = 'undecided';
  const chunks: Buffer[] = [];

  const decide = () => {
    if (state !== 'undecided') return;
    const type = String(res.getHeader('content-type') ?? '');
    state = /^text\/html/i.test(type) && !res.headersSent && res.statusCode !== 304 ? 'collecting' : 'passing';
  };
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };

  const topWrite = (below: Write, args: unknown[]): boolean => {
    decide();
    if (state !== 'collecting') return below.apply(res, args);
    collect(args[0], args[1]);
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  };
  const topEnd = (below: End, args: unknown[]): http.ServerResponse => {
    decide();
    if (state !== 'collecting') {
      state = 'done';
      return below.apply(res, args);
    }
    collect(args[0], args[1]);
    state = 'done';
    const callback = args.find((a) => typeof a === 'function');
    const body = Buffer.concat(chunks);
    if (body.length === 0) {
      // A HEAD answered without its body: the length Next set is the page's before the rewrite, and
      // the rewritten length is unknown without the page. No length is better than a wrong one.
      if (head && !res.headersSent) res.removeHeader('content-length');
      return below.apply(res, callback ? [callback] : []);
    }
    const out = cachedRewrite(rewriteKey(url, body), body, rewrite);
    if (!res.headersSent && res.hasHeader('content-length')) res.setHeader('Content-Length', out.length);
    return below.apply(res, callback ? [out, callback] : [out]);
  };

  layer(res, 'write', res.write as unknown as Write, topWrite);
  layer(res, 'end', res.end as unknown as End, topEnd);
  // A page rendered per request (the search page) is streamed, and Next flushes its headers before
  // its first chunk (next/dist/server/pipe-readable.js): the headers would be gone before the body
  // could be rewritten. An HTML page is collected whole anyway, so its headers wait for its end.
  const flushHeaders = res.flushHeaders;
  res.flushHeaders = function flushHeadersAfterRewrite(this: http.ServerResponse) {
    const type = String(res.getHeader('content-type') ?? '');
    if (state === 'undecided' && /^text\/html/i.test(type) && res.statusCode !== 304) return;
    flushHeaders.call(this);
  };
}

function layer<F extends Write | End>(res: http.ServerResponse, name: 'write' | 'end', original: F, top: (below: F, args: unknown[]) => ReturnType<F>): void {
  const make = (below: F) => {
    const fn = function (this: http.ServerResponse, ...args: unknown[]) {
      // Demoted (something was assigned above it): a plain pass-through.
      return fn !== current ? (below as (...a: unknown[]) => ReturnType<F>).apply(res, args) : top(below, args);
    };
    return fn;
  };
  let current = make(original);
  Object.defineProperty(res, name, {
    configurable: true,
    get: () => current,
    set: (assigned: F) => {
      current = make(assigned);
    },
  });
}
