import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry } from './value-codec.mjs';

// Shapes as Next 16.4 hands them to a cacheHandler's set (APP_PAGE with RSC segment data, APP_ROUTE
// for feeds, sitemaps and share images), wrapped as the Redis handler stores them.
const bytes = (text: string) => Buffer.from(text, 'utf8');

const appPage = {
  kind: 'APP_PAGE',
  html: '<!DOCTYPE html><html lang="id"><body><h1>Tiongkok luncurkan rencana kerja sama AI global</h1><p>“Kutipan” — ü, 中文, 🚀</p></body></html>',
  rscData: bytes('0:["$","html",null,{"lang":"id"}]\n1:I["app/[locale]/layout"]\n'),
  headers: { 'x-next-cache-tags': '_N_T_/layout,_N_T_/[locale]/layout,_N_T_/id/news/tiongkok', 'x-nextjs-prerender': '1' },
  postponed: undefined,
  status: 200,
  segmentData: new Map([
    ['/_tree', bytes('{"tree":{"segment":"__PAGE__"}}')],
    ['/_full', Buffer.from([0, 1, 2, 253, 254, 255])],
    ['/[locale]/news/[slug]/__PAGE__', Buffer.alloc(0)],
  ]),
};

const appRoute = {
  kind: 'APP_ROUTE',
  body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]),
  status: 200,
  headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=0, s-maxage=31536000', 'x-next-cache-tags': '_N_T_/layout' },
};

describe('the cache value codec', () => {
  it('round-trips an APP_PAGE exactly: html, rscData, segment data (a Map of Buffers), headers, status', () => {
    const entry = { version: '0123456789abcdef', tags: ['_N_T_/layout'], lastModified: 1764441600123, cacheControl: { revalidate: 300, expire: 31536000 }, value: appPage };
    const back = decodeEntry(encodeEntry(entry)) as typeof entry;
    expect(back).toStrictEqual(entry);
    expect(Buffer.isBuffer(back.value.rscData)).toBe(true);
    expect(back.value.segmentData).toBeInstanceOf(Map);
    expect([...back.value.segmentData.keys()]).toEqual([...appPage.segmentData.keys()]);
    for (const [key, buffer] of appPage.segmentData) {
      const restored = back.value.segmentData.get(key)!;
      expect(Buffer.isBuffer(restored)).toBe(true);
      expect(restored.equals(buffer)).toBe(true);
    }
    expect('postponed' in back.value, 'an undefined field stays a field').toBe(true);
  });

  it('round-trips an APP_ROUTE body byte for byte', () => {
    const back = decodeEntry(encodeEntry({ value: appRoute })) as { value: typeof appRoute };
    expect(back.value).toStrictEqual(appRoute);
    expect(back.value.body.equals(appRoute.body)).toBe(true);
  });

  it('keeps a 404 page, a missing cacheControl, nulls and nested Maps and Sets as they were', () => {
    const entry = {
      version: undefined,
      cacheControl: undefined,
      value: { ...appPage, status: 404, headers: {}, segmentData: new Map([['a', new Map([['b', bytes('c')]])]]) },
      extra: { none: null, list: [1, undefined, 'x'], set: new Set(['a', 'b']), when: new Date('2025-07-26T03:00:00.000Z'), u8: new Uint8Array([1, 2, 3]) },
    };
    expect(decodeEntry(encodeEntry(entry))).toStrictEqual(entry);
  });

  it('stores a Buffer as base64, not as a JSON list of numbers', () => {
    const text = encodeEntry({ value: appRoute });
    expect(text).toContain(appRoute.body.toString('base64'));
    expect(text).not.toContain('"type":"Buffer"');
  });
});
