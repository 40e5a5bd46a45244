import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/content/index';
import type { StoryMeta } from '@/lib/content/meta';
import { listingEntries } from '@/lib/seo/sitemap-entries';
import { homePath, sectionPath } from '@/lib/urls';

const story = (slug: string, locale: 'id' | 'en', section: StoryMeta['section'], updatedAt: string): StoryMeta => ({
  file: `${locale}/${slug}.md`,
  translationId: slug,
  slug,
  locale,
  section,
  title: slug,
  status: 'published',
  publishedAt: '2025-07-01T00:00:00+07:00',
  updatedAt,
});

describe('listingEntries', () => {
  it('dates each listing page by the newest update among the stories it lists, not the whole site’s', () => {
    const index = buildIndex([
      story('teknologi-lama', 'id', 'technology', '2025-07-26T10:00:00+07:00'),
      story('ekonomi-baru', 'id', 'business', '2025-07-29T16:00:00+07:00'),
      story('world-en', 'en', 'world', '2025-07-20T09:00:00+00:00'),
    ]);
    const lastmod = (path: string) => listingEntries(index).find((e) => e.url.endsWith(path))?.lastmod;
    expect(lastmod(sectionPath('id', 'technology'))).toBe('2025-07-26T03:00:00.000Z');
    expect(lastmod(sectionPath('id', 'business'))).toBe('2025-07-29T09:00:00.000Z');
    expect(lastmod(homePath('id'))).toBe('2025-07-29T09:00:00.000Z');
    // An English reader's home lists the Indonesian stories too (no English version): their dates count.
    expect(lastmod(homePath('en'))).toBe('2025-07-29T09:00:00.000Z');
    expect(lastmod(sectionPath('en', 'world'))).toBe('2025-07-20T09:00:00.000Z');
    // The Indonesian world section lists the English story (no Indonesian version): its date counts.
    expect(lastmod(sectionPath('id', 'world'))).toBe('2025-07-20T09:00:00.000Z');
    // A section with no story has no date rather than a made-up one.
    expect(listingEntries(buildIndex([])).find((e) => e.url.endsWith(sectionPath('id', 'world')))?.lastmod).toBeUndefined();
  });
});
