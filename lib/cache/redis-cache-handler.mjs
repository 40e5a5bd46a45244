// Next's page cache (`cacheHandler`) shared by every instance through Redis, when REDIS_URL is set
// (docs/decisions/009-redis-page-cache.md). Without it, lib/cache/content-cache-handler.mjs keeps
// pages in memory, as before (lib/cache/page-cache-handler.mjs picks one at server start).
//
// Plain JavaScript, like the memory handler: Next loads it itself, outside the app's bundles, and it
// meets the app through globalThis (lib/content/live.ts), where the live content version is.
//
// - Every entry remembers the content version it was rendered from (the pinned one: a render that
//   outlives a publish cannot pass for new); an entry of another version is a miss. Versions are
//   hashes of the visible content, so instances serving the same store agree on them.
// - Keys are scoped by build id: a deploy never serves another build's pages. Tag revalidation is
//   one timestamp per tag in one hash outside that scope, so it reaches old and new builds alike.
// - 404 and 410 entries have a budget of their own (MISSING_BUDGET_BYTES, newest kept, a minute at
//   most) under keys of their own: random slugs cannot fill Redis and so cannot make its LRU evict
//   real pages (decision 011).
// - Redis down or slow: each call gives up after TIMEOUT_MS (no offline queue), every error is a
//   miss, pages render as without a cache, and the outage is logged once. Writes do not hold up the
//   response. The client reconnects by itself, and sharing resumes.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'redis';
import { decodeEntry, encodeEntry } from './value-codec.mjs';
import { logError } from '../observability/log.mjs';
import { countPageCacheRead, countStoreOutage, markStoreUp } from '../observability/metrics.mjs';

const LIVE = Symbol.for('kabar-kini.live-content');
const SHARED = Symbol.for('kabar-kini.redis-page-cache');
const TAGS_HEADER = 'x-next-cache-tags';
/** The longest any request waits on Redis, per cache call. */
export const TIMEOUT_MS = 200;
/** How long a 404 or 410 page is kept. */
export const MISSING_TTL_SECONDS = 60;
/**
 * What all 404 and 410 entries of one build may hold in Redis together (their values and keys): the
 * memory cache's budget for them (content-cache-handler.mjs). An entry is about 160 KB (the page's
 * inline CSS, its RSC payload and segment data), so this keeps the fifty newest.
 */
export const MISSING_BUDGET_BYTES = 8 * 1024 * 1024;
/** How long any other page is kept: a later build's deploy leaves the earlier build's keys to expire. */
export const PAGE_TTL_SECONDS = 7 * 24 * 3600;

function live() {
  return globalThis[LIVE];
}

function contentVersion() {
  try {
    return live()?.currentVersion?.();
  } catch {
    return undefined; // the store failed its first read: nothing is served from it anyway
  }
}

const isMissing = (value) => value && (value.status === 404 || value.status === 410);

/**
 * Stores one 404 or 410 entry within the budget, atomically: an index (a sorted set, by the time each
 * entry was stored) and a hash of their sizes (with the total under the empty field) let the oldest
 * go first until the new one fits. Entries past their minute have expired by themselves and are
 * only forgotten. The clock is Redis's, so instances with skewed clocks agree.
 * KEYS: the entry, the index, the sizes. ARGV: the value, the TTL in seconds, the budget in bytes.
 * Returns 1 if stored, 0 if the entry alone is over the budget.
 */
const STORE_MISSING = `
local entry, index, sizes = KEYS[1], KEYS[2], KEYS[3]
local value, ttl, budget = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local function forget(key)
  local size = redis.call('HGET', sizes, key)
  if size then
    redis.call('HDEL', sizes, key)
    redis.call('HINCRBY', sizes, '', -tonumber(size))
  end
  redis.call('ZREM', index, key)
end
for _, key in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', now - ttl * 1000)) do forget(key) end
forget(entry)
local size = #value + #entry
if size > budget then
  redis.call('DEL', entry)
  return 0
end
local total = tonumber(redis.call('HGET', sizes, '') or '0')
while total + size > budget do
  local oldest = redis.call('ZRANGE', index, 0, 0)[1]
  if not oldest then
    -- The books were lost (the index evicted, say): start them again.
    redis.call('DEL', sizes)
    total = 0
    break
  end
  redis.call('DEL', oldest)
  forget(oldest)
  total = tonumber(redis.call('HGET', sizes, '') or '0')
end
redis.call('SET', entry, value, 'EX', ttl)
redis.call('ZADD', index, now, entry)
redis.call('HSET', sizes, entry, size)
redis.call('HINCRBY', sizes, '', size)
redis.call('EXPIRE', index, ttl)
redis.call('EXPIRE', sizes, ttl)
return 1
`;

/** The URL as it may be logged: without a password. */
export function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

function withDeadline(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The shared page cache of one site (REDIS_URL, a key prefix) and one build. One per process: Next
 * constructs its handler for every request.
 */
export class RedisPageCache {
  constructor({ url, buildId, prefix = 'kabar-kini:', timeoutMs = TIMEOUT_MS, missingBudgetBytes = MISSING_BUDGET_BYTES, log = (line) => logError(line) }) {
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.log = log;
    this.missingBudgetBytes = missingBudgetBytes;
    this.entryPrefix = `${prefix}page:${buildId}:`;
    this.missingPrefix = `${prefix}missing:${buildId}:`;
    this.missingIndexKey = `${prefix}missing-index:${buildId}`;
    this.missingSizesKey = `${prefix}missing-sizes:${buildId}`;
    this.tagsKey = `${prefix}tags`;
    this.healthy = undefined; // unknown until the first connection or failure
    // No commandOptions.timeout: node-redis 5.12's own deadline, firing on commands still queued
    // under a flood of 404 writes, was seen to leave its queue stalled for good (nothing written to
    // Redis again, every call a miss until a restart). attempt() keeps the deadline instead.
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.max(timeoutMs, 1_000),
        // Back off to a retry every 2 s while Redis is away; never give up.
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000),
      },
    });
    this.client.on('error', (error) => this.failed(error));
    this.client.on('ready', () => this.recovered());
    this.client.connect().catch((error) => this.failed(error));
    // An open connection must not keep a finished build or script alive.
    this.client.unref?.();
  }

  failed(error) {
    if (this.healthy === false) return;
    this.healthy = false;
    countStoreOutage('redis');
    this.log(
      `[cache] Redis at ${redactUrl(this.url)} is unavailable (${error?.code ?? error?.message ?? error}): pages are rendered without the shared cache until it is back`,
    );
  }

  recovered() {
    if (this.healthy === false) this.log(`[cache] Redis at ${redactUrl(this.url)} is back: pages are shared again`);
    markStoreUp('redis', this.healthy === false);
    this.healthy = true;
  }

  /** Runs one cache call against Redis within the deadline; any failure is `fallback`. */
  async attempt(call, fallback) {
    if (!this.client.isReady) return fallback;
    try {
      return await withDeadline(call(), this.timeoutMs);
    } catch (error) {
      this.failed(error);
      return fallback;
    }
  }

  async get(key, ctx = {}) {
    return this.attempt(async () => {
      // A key is a page or a 404/410, each under its own prefix; both are read in one round trip.
      const texts = await this.client.mGet([this.entryPrefix + key, this.missingPrefix + key]);
      const version = contentVersion();
      // Not deleted when of another version: an instance that has already seen a newer version may
      // have written it. Of two of this version (a story taken down, then back), the later wins.
      const entry = texts
        .filter(Boolean)
        .map((text) => decodeEntry(text))
        .filter((candidate) => version === undefined || candidate.version === version)
        .sort((x, y) => y.lastModified - x.lastModified)[0];
      if (!entry) return null;
      const tags = [...new Set([...entry.tags, ...(ctx.tags ?? []), ...(ctx.softTags ?? [])])];
      if (tags.length) {
        const expiredAt = await this.client.hmGet(this.tagsKey, tags);
        if (expiredAt.some((at) => at !== null && Number(at) >= entry.lastModified)) return null;
      }
      return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
    }, null);
  }

  async set(key, value, ctx = {}) {
    await this.attempt(async () => {
      if (!value) {
        await this.client.del([this.entryPrefix + key, this.missingPrefix + key]);
        return;
      }
      // The version this render read, not the one current now: a publish during the render must
      // not make its output look new.
      const version = live()?.pinnedVersion?.() ?? contentVersion();
      const tags = [...(ctx.tags ?? []), ...String(value.headers?.[TAGS_HEADER] ?? '').split(',').filter(Boolean)];
      const entry = { version, tags, lastModified: Date.now(), cacheControl: ctx.cacheControl, value };
      if (isMissing(value)) {
        await this.client.eval(STORE_MISSING, {
          keys: [this.missingPrefix + key, this.missingIndexKey, this.missingSizesKey],
          arguments: [encodeEntry(entry), String(MISSING_TTL_SECONDS), String(this.missingBudgetBytes)],
        });
      } else {
        await this.client.set(this.entryPrefix + key, encodeEntry(entry), { expiration: { type: 'EX', value: PAGE_TTL_SECONDS } });
      }
    }, undefined);
  }

  async revalidateTag(tags) {
    const list = typeof tags === 'string' ? [tags] : [...tags];
    if (!list.length) return;
    const now = String(Date.now());
    await this.attempt(() => this.client.hSet(this.tagsKey, Object.fromEntries(list.map((tag) => [tag, now]))), undefined);
  }

  /** Closes the connection (and stops reconnecting). */
  async close() {
    if (!this.client.isOpen) return;
    if (!this.client.isReady) {
      this.client.destroy();
      return;
    }
    await this.client.close().catch(() => this.client.destroy());
  }
}

/** The build this server serves: `<distDir>/BUILD_ID`, beside the server folder Next names. */
function readBuildId(serverDistDir) {
  const distDir = serverDistDir ? path.dirname(serverDistDir) : path.resolve(/*turbopackIgnore: true*/ process.env.NEXT_DIST_DIR || '.next');
  try {
    return readFileSync(path.join(distDir, 'BUILD_ID'), 'utf8').trim();
  } catch {
    return 'development';
  }
}

function sharedCache(ctx) {
  return (globalThis[SHARED] ??= new RedisPageCache({
    url: process.env.REDIS_URL,
    buildId: readBuildId(ctx.serverDistDir),
    prefix: process.env.REDIS_KEY_PREFIX || 'kabar-kini:',
  }));
}

export default class RedisCacheHandler {
  constructor(ctx = {}) {
    this.cache = sharedCache(ctx);
  }

  async get(key, ctx) {
    const entry = await this.cache.get(key, ctx);
    // Redis unreachable is a miss too: the page is rendered.
    countPageCacheRead('redis', entry !== null && entry !== undefined);
    return entry;
  }

  // Next awaits this before it sends a freshly rendered page: the write goes on without the reader,
  // so a slow Redis delays a request by one deadline at most (the read). Failures are misses anyway.
  async set(key, value, ctx) {
    void this.cache.set(key, value, ctx);
  }

  revalidateTag(tags) {
    return this.cache.revalidateTag(tags);
  }

  resetRequestCache() {}
}
