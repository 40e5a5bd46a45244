import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkCacheValue, withNextContract } from './next-contract.mjs';

// The page cache handlers against Next's own IncrementalCache (next@16.5.0, the class `next start`
// puts in front of `cacheHandler`): the calls it makes and the values it hands over are ones the
// handlers know. And what a Next that changed them would get: the coupling named, the value not kept.

const require = createRequire(import.meta.url);
// The memory handler (no declaration file: Next loads it as plain JavaScript).
const memoryHandler: string = './content-cache-handler.mjs';
const { default: ContentCacheHandler } = (await import(memoryHandler)) as { default: new (ctx?: object) => object };
const { IncrementalCache } = require('next/dist/server/lib/incremental-cache') as {
  IncrementalCache: new (options: Record<string, unknown>) => {
    get: (key: string, ctx: Record<string, unknown>) => Promise<{ value: unknown } | null>;
    set: (key: string, value: unknown, ctx: Record<string, unknown>) => Promise<void>;
    revalidateTag: (tags: string | string[], durations?: { expire?: number }) => Promise<void>;
    resetRequestCache: () => void;
    cacheHandler: Record<string, unknown>;
  };
};

function nextCache() {
  const reported: string[] = [];
  const Handler = withNextContract(ContentCacheHandler, (error) => reported.push(error.message));
  const cache = new IncrementalCache({
    dev: false,
    flushToDisk: false,
    minimalMode: false,
    requestHeaders: {},
    maxMemoryCacheSize: 0,
    previewProps: { previewModeId: 'preview-id', previewModeSigningKey: 'k', previewModeEncryptionKey: 'e' },
    prerenderManifest: { version: 4, routes: {}, dynamicRoutes: {}, notFoundRoutes: [], preview: { previewModeId: 'preview-id', previewModeSigningKey: 'k', previewModeEncryptionKey: 'e' } },
    fetchCacheKeyPrefix: '',
    CurCacheHandler: Handler,
    allowedRevalidateHeaderKeys: [],
  });
  return { cache, reported };
}

const page = (status: unknown = 200) => ({
  kind: 'APP_PAGE',
  html: '<!DOCTYPE html><html><body>Berita</body></html>',
  rscData: Buffer.from('0:{}'),
  status,
  postponed: undefined,
  headers: { 'x-next-cache-tags': 'story' },
  segmentData: new Map([['/_tree', Buffer.from('tree')]]),
});
const ctx = { kind: 'APP_PAGE', route: { kind: 'APP_PAGE', sourceRoute: '/[locale]/news/[slug]/page' }, isRoutePPREnabled: false, isFallback: false };
const setCtx = { route: { kind: 'APP_PAGE', sourceRoute: '/[locale]/news/[slug]/page' }, cacheControl: { revalidate: 60, expire: 300 }, isRoutePPREnabled: false, isFallback: false };

describe('the page cache under Next’s IncrementalCache', () => {
  it('keeps a page Next hands it, gives it back, and expires it by tag, with no call or value it does not know', async () => {
    const { cache, reported } = nextCache();
    await cache.set('/id/berita/a', page(), setCtx);
    expect((await cache.get('/id/berita/a', ctx))?.value).toEqual(expect.objectContaining({ kind: 'APP_PAGE', status: 200 }));
    await cache.revalidateTag(['story'], { expire: 0 });
    cache.resetRequestCache();
    expect(await cache.get('/id/berita/a', ctx)).toBeNull();
    expect(reported).toEqual([]);
  });

  it('names the coupling when Next hands it a value kind it does not know, and keeps nothing', async () => {
    const { cache, reported } = nextCache();
    await cache.set('/id/berita/b', { ...page(), kind: 'APP_SEGMENT' }, setCtx);
    expect(await cache.get('/id/berita/b', ctx)).toBeNull();
    expect(reported).toEqual([expect.stringMatching(/^Next coupling cache-handler .* broke: Next handed the cache handler a value of kind "APP_SEGMENT", which it does not know/)]);
  });

  it('names the coupling when a page’s status is no longer a number (the 404/410 budget reads it)', async () => {
    const { cache, reported } = nextCache();
    await cache.set('/id/berita/c', page({ code: 404 }), setCtx);
    expect(await cache.get('/id/berita/c', ctx)).toBeNull();
    expect(reported).toEqual([expect.stringMatching(/broke: Next handed the cache handler a APP_PAGE value whose status is object, not number or undefined/)]);
  });

  it('names the coupling when Next asks the handler for a call it does not know', () => {
    const { cache, reported } = nextCache();
    // What a Next with a new cache-handler method would do: look it up on the handler.
    expect(cache.cacheHandler.updateTags).toBeUndefined();
    expect(reported).toEqual([expect.stringMatching(/^Next coupling cache-handler .* broke: Next asked the cache handler for updateTags\(\), a call it does not know/)]);
  });
});

describe('checkCacheValue', () => {
  it('knows every kind Next 16.5 stores (CachedRouteKind)', () => {
    const { CachedRouteKind } = require('next/dist/server/response-cache/types') as { CachedRouteKind: Record<string, string> };
    const kinds = Object.values(CachedRouteKind);
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) {
      let message = '';
      try {
        checkCacheValue({ kind });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, kind).not.toMatch(/which it does not know/);
    }
  });
});
