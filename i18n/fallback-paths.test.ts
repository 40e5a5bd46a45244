import { describe, expect, it } from 'vitest';
import { hasUnknownLocalePrefix, INVALID_PATH_SEGMENT, notFoundRewrite, UNKNOWN_LOCALE_SEGMENT } from '@/i18n/fallback-paths';
import { SLUG_PATTERN } from '@/lib/content/schema';
import { languages } from '@/i18n/languages';

describe('notFoundRewrite', () => {
  it('renders an unknown locale prefix as the 404 in the reader’s language', () => {
    expect(notFoundRewrite('/fr/x', () => 'en')).toBe(`/en/${UNKNOWN_LOCALE_SEGMENT}`);
    expect(notFoundRewrite('/id-ID', () => 'id')).toBe(`/id/${UNKNOWN_LOCALE_SEGMENT}`);
  });

  it('renders escapes under /id and /en as that language’s 404, without asking the reader', () => {
    const reader = () => {
      throw new Error('not asked');
    };
    expect(notFoundRewrite('/en/%ff', reader)).toBe(`/en/${INVALID_PATH_SEGMENT}`);
    expect(notFoundRewrite('/id/berita/%2e%2e', reader)).toBe(`/id/${INVALID_PATH_SEGMENT}`);
  });

  it('leaves pages, paths without a locale, localized segments and the site’s own paths alone', () => {
    for (const path of ['/', '/id', '/en/news/x', '/berita/x', '/news', '/api', '/api/preview', '/_next/static/x.js', '/robots.txt', '/logo.png']) {
      expect(notFoundRewrite(path), path).toBeUndefined();
      expect(hasUnknownLocalePrefix(path), path).toBe(false);
    }
  });

  it('renders at internal paths that no page of any language can have', () => {
    for (const segment of [INVALID_PATH_SEGMENT, UNKNOWN_LOCALE_SEGMENT]) {
      expect(SLUG_PATTERN.test(segment), segment).toBe(false);
      for (const language of languages) {
        expect(Object.values(language.paths), `${language.code} paths`).not.toContain(segment);
        expect(Object.values(language.sections), `${language.code} sections`).not.toContain(segment);
      }
    }
  });
});
