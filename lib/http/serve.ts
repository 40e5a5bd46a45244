import http from 'node:http';
import { buildAlternateLinks } from '@/lib/seo/alternate-links';
import { keepRecentTextsLoaded } from '@/lib/content/details';
import { currentSnapshot, getSnapshot, keepContentCurrent, onContentChange, openContentStore, withPinnedContent } from '@/lib/content/live';
import { surrogateKeysFor } from '@/lib/front-cache/keys';
import { purgeUrls, queuePurge } from '@/lib/front-cache/purge';
import { locales } from '@/i18n/languages';
import { feedSize } from '@/lib/site';
import { storyPath } from '@/lib/urls';
import { logError } from '@/lib/observability/log.mjs';
import { watchContentVersion } from '@/lib/observability/metrics.mjs';

/**
 * What the server adds around Next for live content (installed from instrumentation.ts):
 * - the content is kept current (lib/content/live.ts);
 * - each request reads one snapshot from start to end;
 * - a taken-down story's URLs answer 410 Gone. Its page renders the localized "removed" page
 *   with Next's 404 (the App Router has no other status for a page); the status is raised here;
 * - every response names what it shows in an `xkey` header (surrogate keys, lib/front-cache/keys.ts),
 *   cache hits included, and with PURGE_URL set a change of content purges those keys.
 */
const INSTALLED = Symbol.for('kabar-kini.live-content-server');

export async function installLiveContent(): Promise<void> {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  // Before anything is installed. A store that cannot be read (a database not reachable) ends the
  // process with its reason: Next would otherwise keep the failed start and answer 500 to every
  // request for good, where a supervisor restarting the process heals it.
  try {
    await openContentStore();
  } catch (error) {
    logError((error as Error).message);
    process.exit(1);
  }
  proto[INSTALLED] = true;
  // The version served and since when, read when /metrics is scraped.
  watchContentVersion(() => currentSnapshot());
  keepContentCurrent();
  keepRecentTextsLoaded(feedSize);
  if (purgeUrls().length) onContentChange(queuePurge);
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function liveContentEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request') return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const path = (req.url ?? '/').split('?', 1)[0]!;
    return withPinnedContent(() => {
      const writeHead = res.writeHead;
      res.writeHead = function liveWriteHead(this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
        let status = statusCode;
        if (status === 404 && isGonePath(path)) {
          status = this.statusCode = 410;
          if (typeof rest[0] === 'string') rest[0] = 'Gone';
        }
        if (status === 404) capMissingLifetime(this, rest);
        if (req.method === 'GET' || req.method === 'HEAD') setSurrogateKeys(this, path, status);
        return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, status, ...rest);
      } as typeof res.writeHead;
      return emit.call(this, event, ...args);
    });
  } as typeof proto.emit;
}

/** The front cache's keys (lib/front-cache/keys.ts). Never fails a response: one without keys only leaves the front cache at its s-maxage. */
function setSurrogateKeys(res: http.ServerResponse, path: string, status: number): void {
  try {
    res.setHeader('xkey', surrogateKeysFor(path, status, getSnapshot()));
  } catch (error) {
    logError(`[front-cache] no surrogate keys for ${path}:`, { err: error });
  }
}

/**
 * A shared cache may keep a 404 for a minute at most. Next gives a 404 the lifetime of its route
 * (a year for share images, five minutes for pages), and a story requested before it went live (an
 * embargo, a typo fixed later) would stay missing at a CDN for that long.
 */
export const MISSING_SHARED_MAX_AGE = 60;

function capMissingLifetime(res: http.ServerResponse, rest: unknown[]): void {
  const headers = rest.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
  const key = headers && Object.keys(headers).find((k) => k.toLowerCase() === 'cache-control');
  const current = String((key ? headers[key] : res.getHeader('cache-control')) ?? '');
  if (!/s-maxage|public/i.test(current) || /private|no-store/i.test(current)) return;
  const capped = `public, max-age=0, s-maxage=${MISSING_SHARED_MAX_AGE}`;
  if (key) headers[key] = capped;
  else res.setHeader('Cache-Control', capped);
}

let gonePaths: { version: string; paths: Set<string> } | undefined;

/** Whether a path is the page of a taken-down story, in any language (its own, or as a fallback). */
export function isGonePath(path: string): boolean {
  const snapshot = getSnapshot();
  if (gonePaths?.version !== snapshot.version) {
    const paths = new Set<string>();
    for (const key of snapshot.index.gone) {
      const slug = key.slice(key.indexOf('/') + 1);
      for (const locale of locales) {
        paths.add(storyPath(locale, slug));
        paths.add(`/${locale}/news/${slug}`);
      }
    }
    gonePaths = { version: snapshot.version, paths };
  }
  return gonePaths.paths.has(path);
}

let links: { version: string; byPath: Map<string, string> } | undefined;

/** The hreflang `Link` header of a public path, from the same snapshot the page reads. */
export function linkHeaderFor(path: string): string | undefined {
  const snapshot = getSnapshot();
  if (links?.version !== snapshot.version) links = { version: snapshot.version, byPath: buildAlternateLinks(snapshot.index) };
  return links.byPath.get(path);
}
