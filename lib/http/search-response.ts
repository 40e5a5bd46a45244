import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { searchLimits } from '../site';
import { language, locales } from '../../i18n/languages';

/**
 * The search page's status and caching (decision 032). A page of the App Router can set neither:
 * Next answers it 200 and, being dynamic, `private, no-store`. So the page says what it showed
 * (`reportSearchOutcome`, inside the request), and this sets the response's head from that, just
 * before it leaves:
 * - results, no results, the empty form: 200, `public, max-age=0, s-maxage=60`: a front cache
 *   answers the same words for a minute (and a publish purges the language's searches sooner:
 *   lib/front-cache/keys.ts `search-<locale>`);
 * - a refused query (too long, too many words, a bad page): 400, never stored;
 * - the engine failed or ran out of time: 503, never stored, `Retry-After`.
 * Every answer of the search path is `X-Robots-Tag: noindex` (the page's robots meta says it too).
 */

export type SearchOutcome = 'results' | 'empty' | 'refused' | 'unavailable';

const STATE = Symbol.for('kabar-kini.search-response');

/** On globalThis: the page's bundle and instrumentation's are not the same module instance. */
function outcomes(): AsyncLocalStorage<{ outcome?: SearchOutcome }> {
  const g = globalThis as typeof globalThis & { [STATE]?: AsyncLocalStorage<{ outcome?: SearchOutcome }> };
  return (g[STATE] ??= new AsyncLocalStorage());
}

/** Called by the search page while it renders: what its response is. Outside a request (a test), nothing. */
export function reportSearchOutcome(outcome: SearchOutcome): void {
  const context = outcomes().getStore();
  if (context) context.outcome = outcome;
}

/** The head of a search answer: its status and its Cache-Control. */
export function searchResponseHead(outcome: SearchOutcome): { status: number; cacheControl: string; retryAfter?: string } {
  if (outcome === 'refused') return { status: 400, cacheControl: 'no-store' };
  if (outcome === 'unavailable') return { status: 503, cacheControl: 'no-store', retryAfter: '10' };
  return { status: 200, cacheControl: `public, max-age=0, s-maxage=${searchLimits.sMaxAge}` };
}

/** Whether `path` is a language's search page (its public path, or the internal one). */
export function isSearchPath(path: string): boolean {
  return locales.some((locale) => path === `/${locale}/${language(locale).paths.search}` || path === `/${locale}/search`);
}

const INSTALLED = Symbol.for('kabar-kini.search-response-installed');

/** Installs the head rewrite for `next start` (instrumentation.ts). */
export function installSearchResponses(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function searchResponseEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request') return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isSearchPath((req.url ?? '/').split('?', 1)[0]!)) return emit.call(this, event, ...args);
    const context: { outcome?: SearchOutcome } = {};
    const writeHead = res.writeHead;
    res.writeHead = function searchWriteHead(this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
      let status = statusCode;
      this.setHeader('X-Robots-Tag', 'noindex');
      // Only a page that rendered (200) is changed: Next's redirects and errors go out as they are.
      if (context.outcome && statusCode === 200) {
        const head = searchResponseHead(context.outcome);
        status = this.statusCode = head.status;
        if (typeof rest[0] === 'string') rest[0] = http.STATUS_CODES[status];
        const headers = rest.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
        for (const key of Object.keys(headers ?? {})) if (key.toLowerCase() === 'cache-control') delete headers![key];
        this.setHeader('Cache-Control', head.cacheControl);
        if (head.retryAfter) this.setHeader('Retry-After', head.retryAfter);
      }
      return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, status, ...rest);
    } as typeof res.writeHead;
    return outcomes().run(context, () => emit.call(this, event, ...args));
  } as typeof proto.emit;
}
