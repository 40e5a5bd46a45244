import type { ContentSnapshot } from '@/lib/content/live';
import { affectedKeys } from '@/lib/front-cache/keys';

/**
 * Purges the front cache by surrogate key (docs/decisions/007-varnish-front-cache.md): when
 * PURGE_URL is set, each change of content is sent as `PURGE <url>` with `xkey-purge: <keys>` to
 * every URL it lists (space- or comma-separated: one per Varnish). Changes are gathered for
 * PURGE_DEBOUNCE_MS, or sent at once by `flushPurges()` (the publish webhook awaits it before it
 * answers). A failure is logged once, until purges go through again, and never fails a publish: the
 * pages then stay in the front cache until their s-maxage.
 *
 * State lives on globalThis: the server (lib/content/serve.ts) queues, the webhook's bundle flushes.
 */
export const PURGE_DEBOUNCE_MS = 100;
export const PURGE_TIMEOUT_MS = 2_000;
/** Keys per request, so the header stays well under Varnish's 8 KB limit. */
const KEYS_PER_REQUEST = 200;

interface PurgeState {
  changes: [ContentSnapshot, ContentSnapshot][];
  timer?: NodeJS.Timeout;
  failing: Set<string>;
}

const STATE = Symbol.for('kabar-kini.front-cache-purge');

function state(): PurgeState {
  const g = globalThis as typeof globalThis & { [STATE]?: PurgeState };
  return (g[STATE] ??= { changes: [], failing: new Set() });
}

export function purgeUrls(): string[] {
  return (process.env.PURGE_URL ?? '').split(/[\s,]+/).filter(Boolean);
}

/** Remembers a change of content; its keys are purged shortly, with any other change that follows. */
export function queuePurge(before: ContentSnapshot, after: ContentSnapshot): void {
  if (!purgeUrls().length) return;
  const s = state();
  s.changes.push([before, after]);
  clearTimeout(s.timer);
  s.timer = setTimeout(() => void flushPurges(), PURGE_DEBOUNCE_MS);
  s.timer.unref();
}

/** Sends what is queued now; resolves once every front cache answered or timed out (never rejects). */
export async function flushPurges(): Promise<void> {
  const s = state();
  clearTimeout(s.timer);
  const changes = s.changes.splice(0);
  const keys = new Set<string>();
  for (const [before, after] of changes) for (const key of affectedKeys(before, after)) keys.add(key);
  if (!keys.size) return;
  const all = [...keys];
  const chunks: string[][] = [];
  for (let i = 0; i < all.length; i += KEYS_PER_REQUEST) chunks.push(all.slice(i, i + KEYS_PER_REQUEST));
  await Promise.all(purgeUrls().flatMap((url) => chunks.map((chunk) => purge(url, chunk))));
}

async function purge(url: string, keys: string[]): Promise<void> {
  const s = state();
  try {
    const response = await fetch(url, { method: 'PURGE', headers: { 'xkey-purge': keys.join(' ') }, signal: AbortSignal.timeout(PURGE_TIMEOUT_MS) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`it answered ${response.status}`);
    if (s.failing.delete(url)) console.log(`[front-cache] purges reach ${url} again`);
  } catch (error) {
    if (s.failing.has(url)) return;
    s.failing.add(url);
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    console.error(`[front-cache] purging ${url} failed (${reason}); changed pages stay in that front cache until their s-maxage. Logged once until a purge goes through.`);
  }
}
