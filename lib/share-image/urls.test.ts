import { describe, expect, it } from 'vitest';
import { previewShareImagePath, shareImagePath } from '@/lib/share-image/urls';
import { language, locales } from '@/i18n/languages';

const story = { translationId: 'uji-kartu', slug: 'uji-kartu', title: 'Judul', section: 'world' as const, publishedAt: '2025-01-02T03:04:05Z', updatedAt: '2025-01-02T03:04:05Z' };

describe('shareImagePath', () => {
  for (const locale of locales) {
    it(`serves the card of a ${locale} article under the page's public path`, () => {
      const path = shareImagePath({ ...story, locale });
      expect(path).toMatch(new RegExp(`^/${locale}/${language(locale).paths.news}/uji-kartu/opengraph-image\\?v=[0-9a-z]+$`));
    });
  }

  it('changes its version when the article is updated, and only then', () => {
    const locale = locales[0]!;
    const before = shareImagePath({ ...story, locale });
    expect(shareImagePath({ ...story, locale })).toBe(before);
    expect(shareImagePath({ ...story, locale, updatedAt: '2025-01-02T05:00:00Z' })).not.toBe(before);
  });
});

describe('previewShareImagePath', () => {
  it("names the story and the language, and changes its version with what the card shows", () => {
    const locale = locales.at(-1)!;
    const url = new URL(previewShareImagePath({ ...story, locale }), 'http://localhost');
    expect(url.pathname).toBe('/api/preview/share-image');
    expect(url.searchParams.get('id')).toBe(story.translationId);
    expect(url.searchParams.get('locale')).toBe(locale);
    const edited = new URL(previewShareImagePath({ ...story, locale, title: 'Judul baru' }), 'http://localhost');
    expect(edited.searchParams.get('v')).not.toBe(url.searchParams.get('v'));
  });
});
