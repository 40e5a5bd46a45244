import { describe, expect, it } from 'vitest';
import { buildAlternateLinks } from '@/lib/seo/alternate-links';
import { buildIndex } from '@/lib/content/index';
import { articleFixture } from '@/lib/content/article-fixture';

const article = articleFixture;

describe('buildAlternateLinks', () => {
  const index = buildIndex([
    article({}),
    article({ locale: 'en', slug: 'story' }),
    article({ translationId: 'only-id', slug: 'hanya' }),
    article({ translationId: 'secret', slug: 'draf', status: 'draft' }),
  ]);
  const links = buildAlternateLinks(index);

  it('lists both versions of a translated story, plus x-default', () => {
    const value = links.get('/id/berita/cerita')!;
    expect(value).toContain('/id/berita/cerita>; rel="alternate"; hreflang="id"');
    expect(value).toContain('/en/news/story>; rel="alternate"; hreflang="en"');
    expect(value).toContain('hreflang="x-default"');
    expect(links.get('/en/news/story')).toBe(value);
  });

  it('lists only the version that exists of an untranslated story', () => {
    const value = links.get('/id/berita/hanya')!;
    expect(value).not.toContain('hreflang="en"');
    expect(value).toContain('hreflang="x-default"');
  });

  it('has nothing for drafts and covers home and sections', () => {
    expect(links.has('/id/berita/draf')).toBe(false);
    expect(links.get('/en')).toContain('hreflang="id"');
    expect(links.get('/id/rubrik/teknologi')).toContain('/en/section/technology>');
  });
});
