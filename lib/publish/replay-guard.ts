import { createClient } from 'redis';
import { MAX_AGE_SECONDS } from '@/lib/publish/webhook';
import { logError } from '../observability/log.mjs';

/**
 * Each signed notification is accepted once (docs/decisions/010-live-content.md, "Notifications").
 *
 * A notification is known by its signature, and only needs remembering while its timestamp is
 * within the window (MAX_AGE_SECONDS either side of the clock): after that, verifyNotification
 * refuses it anyway. So an entry lives until the notification's timestamp plus the window, however
 * late it arrived.
 *
 * With REDIS_URL, every instance of the site shares the memory (SET NX with that expiry, under
 * REDIS_KEY_PREFIX), so a notification captured on its way to one instance is refused by the others.
 * Without Redis, or while Redis does not answer, each process remembers for itself: a replay
 * re-reads the store and changes nothing, so publishing goes on rather than stopping with Redis.
 */

/** How long a check waits for Redis before falling back to the process's own memory. */
const REDIS_DEADLINE_MS = 1_000;

interface GuardState {
  local: Map<string, number>;
  redis?: ReturnType<typeof createClient>;
  connecting?: Promise<unknown>;
  redisDown?: boolean;
}

const STATE = Symbol.for('kabar-kini.notification-replays');

function guardState(): GuardState {
  const g = globalThis as typeof globalThis & { [STATE]?: GuardState };
  return (g[STATE] ??= { local: new Map() });
}

/** The key of a notification in Redis: the site's prefix, then the signature. */
export function replayKey(signature: string, prefix = process.env.REDIS_KEY_PREFIX || 'kabar-kini:'): string {
  return `${prefix}notification:${signature}`;
}

/** When a notification signed at `timestamp` (Unix seconds) can no longer be replayed (ms since the epoch). */
export const replayableUntil = (timestamp: number) => (timestamp + MAX_AGE_SECONDS) * 1000;

/** The in-process memory: true the first time a signature is seen within its window. */
export function firstTimeHere(signature: string, timestamp: number, now = Date.now()): boolean {
  const { local } = guardState();
  for (const [seen, until] of local) if (until <= now) local.delete(seen);
  if (local.has(signature)) return false;
  local.set(signature, replayableUntil(timestamp));
  return true;
}

function redisClient(url: string): { client: ReturnType<typeof createClient>; ready: Promise<unknown> } {
  const s = guardState();
  if (!s.redis) {
    s.redis = createClient({
      url,
      disableOfflineQueue: true,
      commandOptions: { timeout: REDIS_DEADLINE_MS },
      socket: { connectTimeout: REDIS_DEADLINE_MS, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
    });
    s.redis.on('error', (error: Error) => {
      if (s.redisDown) return;
      s.redisDown = true;
      logError(`[publish] Redis is unavailable for the notification replay check (${(error as NodeJS.ErrnoException).code ?? error.message}): each instance remembers notifications for itself until it is back`);
    });
    s.redis.on('ready', () => {
      if (s.redisDown) logError('[publish] Redis is back for the notification replay check');
      s.redisDown = false;
    });
    s.connecting = s.redis.connect().catch(() => undefined);
    s.redis.unref?.();
  }
  return { client: s.redis, ready: s.connecting! };
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * True the first time this notification (its signature, signed at `timestamp`) is seen by any
 * instance sharing REDIS_URL, or by this process when there is no Redis to ask.
 */
export async function firstTimeSeen(signature: string, timestamp: number, { now = Date.now(), redisUrl = process.env.REDIS_URL } = {}): Promise<boolean> {
  if (!redisUrl) return firstTimeHere(signature, timestamp, now);
  const until = replayableUntil(timestamp);
  const { client, ready } = redisClient(redisUrl);
  try {
    await withDeadline(ready, REDIS_DEADLINE_MS);
    if (!client.isReady) throw new Error('not connected');
    // At the window's very edge (verifyNotification rounds to the second) the expiry may be past:
    // a moment ahead is then enough, since a later copy is refused for its age.
    const set = await withDeadline(
      client.set(replayKey(signature), String(timestamp), { condition: 'NX', expiration: { type: 'PXAT', value: Math.max(until, now + 1_000) } }),
      REDIS_DEADLINE_MS,
    );
    // Remembered here too, so this instance still refuses it if Redis goes away within the window.
    const here = firstTimeHere(signature, timestamp, now);
    return set === 'OK' && here;
  } catch {
    return firstTimeHere(signature, timestamp, now);
  }
}
