import { describe, expect, it } from 'vitest';
import { routeKind } from './route-kind';

describe('routeKind', () => {
  it.each([
    ['/id/berita/banjir-jakarta', 'article'],
    ['/en/news/jakarta-floods', 'article'],
    ['/id/news/banjir-jakarta', 'article'],
    ['/id', 'list'],
    ['/en/', 'list'],
    ['/id/halaman/2', 'list'],
    ['/id/rubrik/teknologi', 'list'],
    ['/id/rubrik/teknologi/3', 'list'],
    ['/en/section/world', 'list'],
    ['/id/cari', 'search'],
    ['/en/search', 'search'],
    ['/id/search', 'search'],
    ['/id/cari/lagi', 'other'],
    ['/id/feed.xml', 'feed'],
    ['/en/atom.xml', 'feed'],
    ['/sitemap.xml', 'sitemap'],
    ['/sitemap-news.xml', 'sitemap'],
    ['/sitemaps/2025-07.xml', 'sitemap'],
    ['/sitemaps/pages.xml', 'sitemap'],
    ['/sitemaps/a/b', 'other'],
    ['/id/berita/banjir-jakarta/opengraph-image', 'share_image'],
    ['/en/share.png', 'share_image'],
    ['/api/revalidate', 'api'],
    ['/api/vitals', 'api'],
    ['/api/desk/login', 'desk'],
    ['/desk/stories/new', 'desk'],
    ['/', 'other'],
    ['/metrics', 'other'],
    ['/_next/static/chunks/x.js', 'other'],
    ['/xx/berita/a', 'other'],
    ['/id/rubrik/tidak-ada', 'other'],
    ['/id/halaman/dua', 'other'],
    ['/id/berita/a/b/c', 'other'],
  ])('%s is %s', (path, kind) => {
    expect(routeKind(path)).toBe(kind);
  });
});
