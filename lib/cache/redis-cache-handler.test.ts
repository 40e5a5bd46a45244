import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../e2e/support/redis';
import RedisCacheHandler, { MISSING_TTL_SECONDS, RedisPageCache, TIMEOUT_MS } from './redis-cache-handler.mjs';

// The shared page cache against a real redis-server of the test's own (a free port, nothing on
// disk), as two instances of the site see it: two caches with their own connections.

const LIVE = Symbol.for('kabar-kini.live-content');
const g = globalThis as typeof globalThis & { [LIVE]?: unknown };
let version = 'v1';
let pinned: string | undefined;

let redis: TestRedis | undefined;
let skipped = '';
const prefix = `kabar-test-${process.pid}-${randomBytes(4).toString('hex')}:`;
const opened: RedisPageCache[] = [];
const logs: string[] = [];

function cache(buildId = 'build-a', options: { missingBudgetBytes?: number } = {}) {
  const made = new RedisPageCache({ url: redis!.url, buildId, prefix, log: (line) => logs.push(line), ...options });
  opened.push(made);
  return made;
}

async function ready(...caches: RedisPageCache[]) {
  await expect.poll(() => caches.every((c) => c.client.isReady), { timeout: 10_000 }).toBe(true);
}

const page = (html: string, status = 200) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc ${html}`),
  headers: { 'x-next-cache-tags': '_N_T_/layout,_N_T_/id/news/a' },
  postponed: undefined,
  status,
  segmentData: new Map([['/_tree', Buffer.from([1, 2, 3])]]),
});

beforeAll(async () => {
  const started = await startRedis();
  if ('skipped' in started) {
    skipped = started.skipped;
    console.log(`redis-cache-handler tests skipped: ${skipped}`);
  } else redis = started;
  g[LIVE] = { currentVersion: () => version, pinnedVersion: () => pinned };
}, 180_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
  version = 'v1';
  pinned = undefined;
  logs.length = 0;
});

afterAll(async () => {
  await redis?.remove();
  delete g[LIVE];
});

describe('the Redis page cache', () => {
  it('shares a page between instances, exactly, under the build id', async ({ skip }) => {
    if (!redis) skip(skipped);
    const [a, b] = [cache(), cache()];
    await ready(a, b);
    const value = page('<h1>A</h1>');
    await a.set('/route-cache/app_page/x/$/id/berita/a', value, { cacheControl: { revalidate: 300, expire: 31536000 } });
    const hit = await b.get('/route-cache/app_page/x/$/id/berita/a');
    expect(hit?.value).toStrictEqual(value);
    expect(hit?.cacheControl).toEqual({ revalidate: 300, expire: 31536000 });
    const otherBuild = cache('build-b');
    await ready(otherBuild);
    expect(await otherBuild.get('/route-cache/app_page/x/$/id/berita/a'), 'another build never serves it').toBeNull();
  });

  it('misses an entry of another content version, and stores a render under the version it read', async ({ skip }) => {
    if (!redis) skip(skipped);
    const [a, b] = [cache(), cache()];
    await ready(a, b);
    await a.set('/p', page('old'));
    version = 'v2';
    expect(await b.get('/p')).toBeNull();
    // A render that pinned v1 and finished after the publish to v2.
    pinned = 'v1';
    await a.set('/p', page('rendered from v1'));
    pinned = undefined;
    expect(await b.get('/p')).toBeNull();
    await a.set('/p', page('new'));
    expect((await b.get('/p'))?.value).toMatchObject({ html: 'new' });
  });

  it('expires by tag on every instance and every build, from one hash outside the build prefix', async ({ skip }) => {
    if (!redis) skip(skipped);
    const [a, b, next] = [cache(), cache(), cache('build-b')];
    await ready(a, b, next);
    await a.set('/tagged', page('tagged'));
    await next.set('/tagged', page('tagged, next build'));
    await new Promise((r) => setTimeout(r, 5));
    await b.revalidateTag(['_N_T_/id/news/a']);
    expect(await a.get('/tagged'), 'a tag from the stored x-next-cache-tags header').toBeNull();
    expect(await next.get('/tagged'), 'the next build too').toBeNull();
    await a.set('/soft', { kind: 'APP_ROUTE', body: Buffer.from('feed'), status: 200, headers: {} });
    await new Promise((r) => setTimeout(r, 5));
    await b.revalidateTag('_N_T_/id/feed.xml');
    expect(await a.get('/soft', { softTags: ['_N_T_/id/feed.xml'] }), 'a soft tag Next passes on get').toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    await a.set('/tagged', page('rendered again'));
    expect((await b.get('/tagged'))?.value).toMatchObject({ html: 'rendered again' });
  });

  it('keeps 404 and 410 pages a minute only, under keys of their own, other pages longer', async ({ skip }) => {
    if (!redis) skip(skipped);
    const a = cache();
    await ready(a);
    await a.set('/missing', page('not found', 404));
    await a.set('/gone', page('gone', 410));
    await a.set('/found', page('found'));
    const raw = createClient({ url: redis!.url });
    await raw.connect();
    try {
      for (const key of ['/missing', '/gone']) {
        expect(await raw.exists(`${prefix}page:build-a:${key}`), `${key} is not among the pages`).toBe(0);
        const ttl = await raw.ttl(`${prefix}missing:build-a:${key}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(MISSING_TTL_SECONDS);
      }
      expect(await raw.ttl(`${prefix}page:build-a:/found`)).toBeGreaterThan(MISSING_TTL_SECONDS);
      expect((await a.get('/missing'))?.value).toMatchObject({ status: 404, html: 'not found' });
      expect((await a.get('/gone'))?.value).toMatchObject({ status: 410, html: 'gone' });
    } finally {
      await raw.close();
    }
  });

  it('serves what the current version rendered when a path turns from a page into a 410 and back', async ({ skip }) => {
    if (!redis) skip(skipped);
    const [a, b] = [cache(), cache()];
    await ready(a, b);
    await a.set('/story', page('the story'));
    version = 'v2'; // taken down
    await a.set('/story', page('gone', 410));
    expect((await b.get('/story'))?.value).toMatchObject({ status: 410 });
    version = 'v3'; // published again
    expect(await b.get('/story')).toBeNull();
    await a.set('/story', page('the story, restored'));
    expect((await b.get('/story'))?.value).toMatchObject({ status: 200, html: 'the story, restored' });
    await a.set('/story', null);
    expect(await b.get('/story'), 'a delete removes both kinds').toBeNull();
  });

  it('keeps 404 and 410 entries within a budget of their own: a flood of junk under a full Redis evicts no page', async ({ skip }) => {
    if (!redis) skip(skipped);
    const budget = 256 * 1024;
    const a = cache('build-a', { missingBudgetBytes: budget });
    await ready(a);
    const raw = createClient({ url: redis!.url });
    await raw.connect();
    const body = (label: string) => `${label} ${'x'.repeat(16 * 1024)}`;
    try {
      await raw.flushAll();
      const pages = Array.from({ length: 100 }, (_, i) => `/id/news/story-${i}`);
      for (const key of pages) await a.set(key, page(body(key)));
      // A Redis as small as production's should be relative to its pages: room for them, the junk
      // budget and a margin, and nothing more; past it, allkeys-lru evicts the least recently used.
      const used = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))![1]);
      await raw.configSet({ maxmemory: String(used + budget + 2 * 1024 * 1024), 'maxmemory-policy': 'allkeys-lru' });
      for (let i = 0; i < 2_000; i++) await a.set(`/id/news/junk-${i}`, page(body(`junk ${i}`), 404));

      // One at a time: replies in flight count against maxmemory too, and the margin is small.
      let hits = 0;
      for (const key of pages) if (((await a.get(key))?.value as { status?: number } | undefined)?.status === 200) hits++;
      expect(hits, 'every page is still a hit').toBe(pages.length);
      expect(Number(/evicted_keys:(\d+)/.exec(await raw.info('stats'))![1]), 'Redis evicted nothing').toBe(0);

      const junk = await raw.keys(`${prefix}missing:build-a:*`);
      const bytes = (await Promise.all(junk.map((key) => raw.strLen(key)))).reduce((sum, n, i) => sum + n + junk[i]!.length, 0);
      expect(bytes, 'the 404s hold no more than their budget').toBeLessThanOrEqual(budget);
      expect(junk.length, 'and the newest of them are kept').toBeGreaterThan(5);
      expect((await a.get('/id/news/junk-1999'))?.value).toMatchObject({ status: 404 });
      expect(await a.get('/id/news/junk-0'), 'the oldest went first').toBeNull();
      expect(Number(await raw.hGet(`${prefix}missing-sizes:build-a`, '')), 'its books match Redis').toBe(bytes);

      await a.set('/huge', page('x'.repeat(budget), 404));
      expect(await raw.exists(`${prefix}missing:build-a:/huge`), 'an entry over the whole budget is not stored').toBe(0);
    } finally {
      await raw.configSet('maxmemory', '64mb');
      await raw.close();
    }
  });

  it('is a miss within the timeout while Redis is slow, logging once', async ({ skip }) => {
    if (!redis) skip(skipped);
    const a = cache();
    await ready(a);
    await a.set('/slow', page('slow'));
    redis!.pause();
    try {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        expect(await a.get('/slow')).toBeNull();
        await a.set('/slow', page('while slow'));
        expect(Date.now() - started).toBeLessThan(2 * TIMEOUT_MS + 150);
      }
    } finally {
      redis!.resume();
    }
    expect(logs.filter((l) => l.includes('is unavailable'))).toHaveLength(1);
  });

  it('as Next uses it: a render waits one deadline at most on a slow Redis, since writes go on without it', async ({ skip }) => {
    if (!redis) skip(skipped);
    const SHARED = Symbol.for('kabar-kini.redis-page-cache');
    const shared = globalThis as typeof globalThis & { [SHARED]?: RedisPageCache };
    const before = { url: process.env.REDIS_URL, prefix: process.env.REDIS_KEY_PREFIX };
    Object.assign(process.env, { REDIS_URL: redis!.url, REDIS_KEY_PREFIX: prefix });
    try {
      const handler = new RedisCacheHandler({});
      const connection = shared[SHARED];
      new RedisCacheHandler({});
      expect(shared[SHARED], 'one connection per process: Next makes a handler per request').toBe(connection);
      await ready(shared[SHARED]!);
      redis!.pause();
      try {
        const started = Date.now();
        expect(await handler.get('/next')).toBeNull();
        await handler.set('/next', page('rendered while Redis is slow'), {});
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 100);
      } finally {
        redis!.resume();
      }
      await handler.set('/next', page('rendered'), {});
      await expect.poll(async () => (await handler.get('/next'))?.value).toMatchObject({ html: 'rendered' });
    } finally {
      await shared[SHARED]?.close();
      delete shared[SHARED];
      for (const [name, value] of [['REDIS_URL', before.url], ['REDIS_KEY_PREFIX', before.prefix]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('is a miss while Redis is down, logs once, and shares again by itself once it is back', async ({ skip }) => {
    if (!redis) skip(skipped);
    const [a, b] = [cache(), cache()];
    await ready(a, b);
    await redis!.stop();
    try {
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        expect(await a.get('/down')).toBeNull();
        await a.set('/down', page('while down'));
        await a.revalidateTag('x');
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 100);
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(logs.filter((l) => l.includes('is unavailable')), 'one line per instance').toHaveLength(2);
    } finally {
      await redis!.start();
    }
    await ready(a, b);
    await a.set('/down', page('back'));
    expect((await b.get('/down'))?.value).toMatchObject({ html: 'back' });
    expect(logs.filter((l) => l.includes('pages are shared again')), logs.join('\n')).toHaveLength(2);
  });
});
