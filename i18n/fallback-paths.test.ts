import { describe, expect, it } from 'vitest';
import { hasUnknownLocalePrefix, notFoundRewrite } from '@/i18n/fallback-paths';

describe('notFoundRewrite', () => {
  it('renders an unknown locale prefix as the 404 in the reader’s language', () => {
    expect(notFoundRewrite('/fr/x', () => 'en')).toBe('/en/_unknown-locale');
    expect(notFoundRewrite('/id-ID', () => 'id')).toBe('/id/_unknown-locale');
  });

  it('renders escapes under /id and /en as that language’s 404, without asking the reader', () => {
    const reader = () => {
      throw new Error('not asked');
    };
    expect(notFoundRewrite('/en/%ff', reader)).toBe('/en/_invalid-path');
    expect(notFoundRewrite('/id/berita/%2e%2e', reader)).toBe('/id/_invalid-path');
  });

  it('leaves pages, paths without a locale, localized segments and the site’s own paths alone', () => {
    for (const path of ['/', '/id', '/en/news/x', '/berita/x', '/news', '/api', '/api/preview', '/_next/static/x.js', '/robots.txt', '/logo.png']) {
      expect(notFoundRewrite(path), path).toBeUndefined();
      expect(hasUnknownLocalePrefix(path), path).toBe(false);
    }
  });
});
