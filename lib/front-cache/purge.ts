import type { ContentSnapshot } from '@/lib/content/live';
import { ALL, affectedKeys } from '@/lib/front-cache/keys';
import { logError, logInfo } from '../observability/log.mjs';
import { countPurgeFailure, countPurgeRetry } from '../observability/metrics.mjs';

/**
 * Purges the front cache by surrogate key (docs/decisions/007-varnish-front-cache.md, 021): when
 * PURGE_URL is set, each change of content is sent as `PURGE <url>` with `xkey-purge: <keys>` to
 * every URL it lists (space- or comma-separated: one per Varnish, its purge listener). Changes are
 * gathered for PURGE_DEBOUNCE_MS, or sent at once by `flushPurges()` (the publish webhook awaits it
 * before it answers). A purge never fails a publish, and a takedown must not come back, so:
 *
 * - every purge is sent a second time once any render that was under way could have reached the
 *   front cache (PURGE_REPEAT_MS): such a render may have read the content from before the change;
 * - a purge that fails (refused, timed out, not 200) is kept, per URL, and retried with backoff
 *   (PURGE_RETRY_MS, doubling, at most MAX_RETRY_MS apart) until it goes through, for as long as the
 *   process runs; logged when it starts failing, every STILL_FAILING_LOG_MS while it does, and when
 *   it recovers, never per attempt.
 *
 * State lives on globalThis: the server (lib/http/serve.ts) queues, the webhook's bundle flushes.
 */
export const PURGE_DEBOUNCE_MS = 100;
export const PURGE_TIMEOUT_MS = 2_000;
/**
 * The longest a fetch Varnish started before a purge can take to be stored after it: the
 * backend's connect_timeout (1 s) plus first_byte_timeout (15 s) in deploy/varnish/backends.cjs and
 * backends.vcl (Varnish stores an object once its headers arrive; a slower instance gets a 503
 * instead), with 4 s to spare. Raise it with those timeouts (env PURGE_REPEAT_MS; 0 turns the repeat off).
 */
export const DEFAULT_REPEAT_MS = 20_000;
/** The first retry of a failed purge (env PURGE_RETRY_MS); each next one waits twice as long, up to MAX_RETRY_MS. */
export const DEFAULT_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;
export const STILL_FAILING_LOG_MS = 10 * 60_000;
/** Keys per request, so the header stays well under Varnish's 8 KB limit. */
const KEYS_PER_REQUEST = 200;
/** Keys kept for one failing front cache; past this the retry purges `all` (one request, always correct). */
const MAX_PENDING_KEYS = 1_000;

interface Target {
  /** Keys whose purge has not gone through yet. */
  pending: Set<string>;
  /** Failed attempts since the last success. */
  failures: number;
  retry?: NodeJS.Timeout;
  lastLogged: number;
}

interface PurgeState {
  changes: [ContentSnapshot, ContentSnapshot][];
  timer?: NodeJS.Timeout;
  targets: Map<string, Target>;
  repeats: Set<NodeJS.Timeout>;
}

const STATE = Symbol.for('kabar-kini.front-cache-purge');

function state(): PurgeState {
  const g = globalThis as typeof globalThis & { [STATE]?: PurgeState };
  return (g[STATE] ??= { changes: [], targets: new Map(), repeats: new Set() });
}

export function purgeUrls(): string[] {
  return (process.env.PURGE_URL ?? '').split(/[\s,]+/).filter(Boolean);
}

function milliseconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && process.env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
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

/**
 * Sends what is queued now and schedules its repeat; resolves once every front cache answered or
 * timed out (never rejects). What failed is retried in the background.
 */
export async function flushPurges(): Promise<void> {
  const s = state();
  clearTimeout(s.timer);
  const changes = s.changes.splice(0);
  const keys = new Set<string>();
  for (const [before, after] of changes) for (const key of affectedKeys(before, after)) keys.add(key);
  if (!keys.size) return;
  const urls = purgeUrls();
  const repeatMs = milliseconds('PURGE_REPEAT_MS', DEFAULT_REPEAT_MS);
  if (repeatMs > 0) {
    const repeat = setTimeout(() => {
      s.repeats.delete(repeat);
      void Promise.all(urls.map((url) => send(url, keys)));
    }, repeatMs);
    repeat.unref();
    s.repeats.add(repeat);
  }
  await Promise.all(urls.map((url) => send(url, keys)));
}

/** Forgets every queued, repeated and retried purge (tests; a process that stops purging). */
export function cancelPendingPurges(): void {
  const s = state();
  clearTimeout(s.timer);
  s.changes.length = 0;
  for (const timer of s.repeats) clearTimeout(timer);
  s.repeats.clear();
  for (const target of s.targets.values()) clearTimeout(target.retry);
  s.targets.clear();
}

/** Keys still to purge at `url` after failures (for tests and diagnostics). */
export function pendingPurges(url: string): string[] {
  return [...(state().targets.get(url)?.pending ?? [])];
}

function targetOf(url: string): Target {
  const s = state();
  let target = s.targets.get(url);
  if (!target) s.targets.set(url, (target = { pending: new Set(), failures: 0, lastLogged: 0 }));
  return target;
}

/** Purges `keys` and whatever earlier attempts left at `url`; on failure keeps them all for the retry. */
async function send(url: string, keys: Iterable<string>): Promise<void> {
  const target = targetOf(url);
  const batch = new Set([...target.pending, ...keys]);
  if (!batch.size) return;
  const all = batch.has(ALL) || batch.size > MAX_PENDING_KEYS ? [ALL] : [...batch];
  const chunks: string[][] = [];
  for (let i = 0; i < all.length; i += KEYS_PER_REQUEST) chunks.push(all.slice(i, i + KEYS_PER_REQUEST));
  const results = await Promise.all(chunks.map((chunk) => request(url, chunk)));
  const failed = results.find((r): r is string => r !== undefined);
  if (failed === undefined) {
    for (const key of batch) target.pending.delete(key);
    if (target.failures) {
      logInfo(`[front-cache] purges reach ${url} again (after ${target.failures} failed attempt${target.failures === 1 ? '' : 's'}); what they missed is purged now`);
      target.failures = 0;
      target.lastLogged = 0;
    }
    if (!target.pending.size) {
      clearTimeout(target.retry);
      target.retry = undefined;
    }
    return;
  }
  // Every key of the batch again, even those of a chunk that went through: one set, simply retried.
  for (const key of all) target.pending.add(key);
  if (target.pending.size > MAX_PENDING_KEYS) target.pending = new Set([ALL]);
  target.failures += 1;
  countPurgeFailure();
  const now = Date.now();
  if (target.failures === 1) {
    logError(`[front-cache] purging ${url} failed (${failed}); retrying with backoff until it goes through. Until then changed pages stay in that front cache.`);
    target.lastLogged = now;
  } else if (now - target.lastLogged >= STILL_FAILING_LOG_MS) {
    logError(`[front-cache] purging ${url} still fails after ${target.failures} attempts (${failed}); ${target.pending.size} key(s) waiting.`);
    target.lastLogged = now;
  }
  scheduleRetry(url, target);
}

function scheduleRetry(url: string, target: Target): void {
  if (target.retry) return;
  const delay = Math.min(milliseconds('PURGE_RETRY_MS', DEFAULT_RETRY_MS) * 2 ** (target.failures - 1), MAX_RETRY_MS);
  target.retry = setTimeout(() => {
    target.retry = undefined;
    countPurgeRetry();
    void send(url, []);
  }, delay);
  target.retry.unref();
}

/** One PURGE; resolves to why it failed, or undefined. */
async function request(url: string, keys: string[]): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: 'PURGE', headers: { 'xkey-purge': keys.join(' ') }, signal: AbortSignal.timeout(PURGE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.ok ? undefined : `it answered ${response.status}`;
  } catch (error) {
    return error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  }
}
