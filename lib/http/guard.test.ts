import { describe, expect, it } from 'vitest';
import { canonicalLocation, isMalformedPath, isMethodRefused, isOddRequestTarget, readCookie, routedPath, withoutCookies } from '@/lib/http/guard';

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

  it('judges the path Next will route, not the one sent: dots, encoded or not, leave /api/', () => {
    for (const path of ['/api/%2e%2e/en', '/api/%2E%2E/', '/api/../id', '/api/x/%2e%2e/%2e%2e/en', '/api\\..\\en', '/x/../api/preview/exit']) {
      expect(isMethodRefused('DELETE', path), path).toBe(true);
    }
    expect(isMethodRefused('POST', '/api/preview/x/../exit')).toBe(false);
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

describe('routedPath', () => {
  it('resolves dot segments as the WHATWG URL parser (and so Next) does', () => {
    expect(routedPath('/api/%2e%2e/en?x=1')).toBe('/en');
    expect(routedPath('/id/berita/x')).toBe('/id/berita/x');
  });
});

describe('isOddRequestTarget', () => {
  it('accepts paths only: not "*" nor an absolute URL, which Next would answer with a 500 or a redirect elsewhere', () => {
    expect(isOddRequestTarget('/id')).toBe(false);
    expect(isOddRequestTarget('*')).toBe(true);
    expect(isOddRequestTarget('http://evil.example/en')).toBe(true);
    expect(isOddRequestTarget(undefined)).toBe(true);
  });
});

describe('cookies', () => {
  const header = 'NEXT_LOCALE=en; __prerender_bypass=abc; kabar_preview=v1.x';
  it('reads one cookie', () => {
    expect(readCookie(header, 'NEXT_LOCALE')).toBe('en');
    expect(readCookie(header, 'kabar_preview')).toBe('v1.x');
    expect(readCookie(header, 'missing')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
  });
  it('drops named cookies and keeps the others', () => {
    expect(withoutCookies(header, ['__prerender_bypass', '__next_preview_data'])).toBe('NEXT_LOCALE=en; kabar_preview=v1.x');
    expect(withoutCookies('__prerender_bypass=abc', ['__prerender_bypass'])).toBeUndefined();
  });
});

describe('canonicalLocation', () => {
  const slug = '/en/news/china-launches-global-ai-cooperation-plan';

  it('leaves canonical paths alone, with their query strings, and a trailing slash to Next', () => {
    for (const url of ['/', slug, `${slug}?utm_source=x`, '/id', '/_next/static/chunks/a.js', '/api/revalidate', '/en/news/a.b', '/en/news/..x', '/en/news/x%2f..', '/en/']) {
      expect(canonicalLocation(url), url).toBeUndefined();
    }
  });

  it('resolves dot segments, encoded or not, in any case', () => {
    expect(canonicalLocation('/en/x/../news/china-launches-global-ai-cooperation-plan')).toBe(slug);
    expect(canonicalLocation('/en/./news/china-launches-global-ai-cooperation-plan')).toBe(slug);
    expect(canonicalLocation('/en/%2e/news/china-launches-global-ai-cooperation-plan')).toBe(slug);
    expect(canonicalLocation('/en/x/%2E%2e/news/china-launches-global-ai-cooperation-plan')).toBe(slug);
    expect(canonicalLocation('/en/x/.%2e/news/china-launches-global-ai-cooperation-plan/.')).toBe(slug);
    expect(canonicalLocation('/en/news/x/..')).toBe('/en/news');
  });

  it('collapses doubled slashes and backslashes, and drops a fragment, keeping the query string', () => {
    expect(canonicalLocation('/en//news///china-launches-global-ai-cooperation-plan')).toBe(slug);
    expect(canonicalLocation('/en\\news\\china-launches-global-ai-cooperation-plan')).toBe(slug);
    expect(canonicalLocation(`${slug}#top`)).toBe(slug);
    expect(canonicalLocation(`${slug}?a=1#top`)).toBe(`${slug}?a=1`);
    expect(canonicalLocation(`/en/./news/china-launches-global-ai-cooperation-plan?a=/../b&c=%2e`)).toBe(`${slug}?a=/../b&c=%2e`);
    expect(canonicalLocation('/en/./news/x/')).toBe('/en/news/x');
  });

  it('never names another site: what would start with "//" or "/\\" is a path on this one', () => {
    for (const url of ['//evil.example', '//evil.example/x', '/\\evil.example', '/.//evil.example', '/./\\evil.example/x?y', '/x/..//evil.example', '///evil.example']) {
      const location = canonicalLocation(url);
      expect(location, url).toMatch(/^\/(?![/\\])/);
      expect(location, url).toMatch(/^\/evil\.example(\/x)?(\?y)?$/);
    }
  });

  it('refuses a climb above the root rather than redirecting it (null)', () => {
    for (const url of ['/..', '/../etc/passwd', '/en/../../x', '/%2e%2e/x', '/en/%2E./x/../..']) {
      expect(canonicalLocation(url), url).toBeNull();
    }
  });
});
