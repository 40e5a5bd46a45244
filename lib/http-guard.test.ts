import { describe, expect, it } from 'vitest';
import { isMalformedPath, isMethodRefused } from '@/lib/http-guard';

describe('isMethodRefused', () => {
  it('lets readers and crawlers read pages, feeds and images', () => {
    for (const method of ['GET', 'HEAD', 'get']) {
      expect(isMethodRefused(method, '/id/berita/x')).toBe(false);
      expect(isMethodRefused(method, '/id/feed.xml?x=1')).toBe(false);
    }
  });

  it('refuses writes and probes on pages, which are read-only', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'FOO']) {
      expect(isMethodRefused(method, '/id')).toBe(true);
      expect(isMethodRefused(method, '/en/news/x?api/')).toBe(true);
    }
  });

  it('leaves other methods on /api/ to the route handlers, which declare their own', () => {
    expect(isMethodRefused('POST', '/api/preview/exit')).toBe(false);
    expect(isMethodRefused('OPTIONS', '/api/preview')).toBe(false);
  });

  it('refuses TRACE, TRACK and CONNECT everywhere (Next would answer them with a 500)', () => {
    for (const method of ['TRACE', 'TRACK', 'CONNECT', 'trace']) {
      expect(isMethodRefused(method, '/api/preview')).toBe(true);
      expect(isMethodRefused(method, '/')).toBe(true);
    }
  });
});

describe('isMalformedPath', () => {
  it('finds escapes that do not decode, where Next would answer with a 500', () => {
    expect(isMalformedPath('/_next/static/%c0%ae%c0%ae/etc/passwd')).toBe(true);
    expect(isMalformedPath('/%ff')).toBe(true);
    expect(isMalformedPath('/api/%')).toBe(true);
  });

  it('leaves well-formed paths, queries and locale paths (proxy.ts gives those a localized 404) alone', () => {
    expect(isMalformedPath('/_next/static/chunks/a%20b.js')).toBe(false);
    expect(isMalformedPath('/id?q=%ff')).toBe(false);
    expect(isMalformedPath('/en/news/%ff%fe')).toBe(false);
    expect(isMalformedPath('/id/berita/x')).toBe(false);
  });
});
