import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/content/index';
import type { Article } from '@/lib/content/parse';
import {
  childName,
  groupByMonth,
  MAX_SITEMAP_BYTES,
  MAX_URLS_PER_SITEMAP,
  maxUrlsPerChild,
  monthSitemapCacheControl,
  parseChildName,
  sitemapArchive,
  sitemapChildPath,
  type SitemapStory,
} from '@/lib/seo/sitemap-archive';
import { renderSitemap } from '@/lib/seo/sitemap';
import { locales } from '@/i18n/languages';
import { newsSitemapStories, NEWS_SITEMAP_MAX_URLS, sitemapIndexEntries, storyEntries } from '@/lib/seo/sitemap-entries';

const story = (slug: string, publishedAt: string, { locale = 'id', updatedAt = publishedAt, translationId = slug } = {}): SitemapStory => ({
  slug,
  locale: locale as SitemapStory['locale'],
  translationId,
  publishedAt,
  updatedAt,
});

/** Newest first, as the content index lists them. */
const newestFirst = (stories: SitemapStory[]) => [...stories].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug));

/** `count` stories 30 seconds apart from `start` (UTC), newest first. */
function many(count: number, start: string, prefix = 's'): SitemapStory[] {
  const from = Date.parse(start);
  const stories: SitemapStory[] = [];
  for (let i = count - 1; i >= 0; i--) stories.push(story(`${prefix}-${i}`, new Date(from + i * 30_000).toISOString()));
  return stories;
}

describe('groupByMonth', () => {
  it('puts each story in its UTC month, oldest month first and oldest story first, with each child the newest update in it', () => {
    const archive = groupByMonth(
      newestFirst([
        story('juli-awal', '2025-07-01T00:00:00Z', { updatedAt: '2025-09-02T10:00:00+07:00' }),
        story('juli-akhir', '2025-07-31T23:59:59Z'),
        story('agustus', '2025-08-15T12:00:00Z'),
        story('mei', '2025-05-10T12:00:00Z'),
      ]),
    );
    expect(archive.children.map((c) => [c.name, c.stories.map((s) => s.slug)])).toEqual([
      ['2025-05', ['mei']],
      ['2025-07', ['juli-awal', 'juli-akhir']],
      ['2025-08', ['agustus']],
    ]);
    // A correction in September of a July story: July's lastmod is the correction's, in UTC.
    expect(archive.byName.get('2025-07')!.lastmod).toBe('2025-09-02T03:00:00.000Z');
    expect(archive.byName.get('2025-08')!.lastmod).toBe('2025-08-15T12:00:00.000Z');
    expect(archive.newest).toBe('2025-09-02T03:00:00.000Z');
  });

  it('reads months in UTC, not in the time zone a date is written in: 1 August 03:00 in Jakarta is July', () => {
    const archive = groupByMonth(
      newestFirst([
        story('jakarta-pagi', '2025-08-01T03:00:00+07:00'),
        story('jakarta-siang', '2025-08-01T07:00:00+07:00'),
        story('new-york-malam', '2025-07-31T22:00:00-04:00'),
      ]),
    );
    expect(archive.children.map((c) => [c.name, c.stories.map((s) => s.slug)])).toEqual([
      ['2025-07', ['jakarta-pagi']],
      ['2025-08', ['jakarta-siang', 'new-york-malam']],
    ]);
  });

  it('has no child for a month without stories, and none at all for an empty archive', () => {
    const archive = groupByMonth(newestFirst([story('januari', '2025-01-05T00:00:00Z'), story('maret', '2025-03-05T00:00:00Z')]));
    expect(archive.children.map((c) => c.name)).toEqual(['2025-01', '2025-03']);
    expect(archive.byName.has('2025-02')).toBe(false);
    const empty = groupByMonth([]);
    expect(empty.children).toEqual([]);
    expect(empty.newest).toBeUndefined();
  });

  it('keeps a month of exactly 50,000 URLs in one child, and splits 50,001 into two, in order, each story once', () => {
    expect(MAX_URLS_PER_SITEMAP).toBe(50_000);
    const exactly = groupByMonth(many(50_000, '2025-03-01T00:00:00Z'));
    expect(exactly.children.map((c) => [c.name, c.stories.length])).toEqual([['2025-03', 50_000]]);

    const over = groupByMonth([...many(50_001, '2025-01-01T00:00:00Z', 'jan'), ...many(3, '2024-12-31T23:58:00Z', 'des')].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)));
    expect(over.children.map((c) => [c.name, c.month, c.part, c.stories.length])).toEqual([
      ['2024-12', '2024-12', 1, 3],
      ['2025-01', '2025-01', 1, 50_000],
      ['2025-01-2', '2025-01', 2, 1],
    ]);
    const [, first, second] = over.children;
    expect(first!.stories[0]!.slug).toBe('jan-0');
    expect(second!.stories[0]!.slug, 'the newest story of the month is in its last part').toBe('jan-50000');
    expect(second!.lastmod).toBe(new Date(Date.parse('2025-01-01T00:00:00Z') + 50_000 * 30_000).toISOString());
    const slugs = over.children.flatMap((c) => c.stories.map((s) => s.slug));
    expect(new Set(slugs).size).toBe(50_004);
  });

  it('splits at any size it is given, into as many parts as needed', () => {
    const archive = groupByMonth(many(7, '2025-02-01T00:00:00Z'), 3);
    expect(archive.children.map((c) => [c.name, c.stories.length])).toEqual([
      ['2025-02', 3],
      ['2025-02-2', 3],
      ['2025-02-3', 1],
    ]);
    expect(() => groupByMonth([], 0)).toThrow(/positive/);
  });

  it('sorts a list that is not newest first rather than splitting a month in two', () => {
    const archive = groupByMonth([story('a', '2025-01-05T00:00:00Z'), story('b', '2025-02-05T00:00:00Z'), story('c', '2025-01-06T00:00:00Z')]);
    expect(archive.children.map((c) => [c.name, c.stories.map((s) => s.slug)])).toEqual([
      ['2025-01', ['a', 'c']],
      ['2025-02', ['b']],
    ]);
  });
});

describe('maxUrlsPerChild', () => {
  it('is 50,000 with two languages, and 50,000 of the largest entries the library writes stay under 50 MB', async () => {
    expect(locales).toHaveLength(2);
    expect(maxUrlsPerChild()).toBe(MAX_URLS_PER_SITEMAP);
    // The largest entries there can be: slugs of 120 characters, every language, x-default.
    const slug = (i: number) => `${'x'.repeat(114)}-${String(i).padStart(5, '0')}`;
    const count = 200;
    const articles = Array.from({ length: count }, (_, i) =>
      locales.map((locale) => ({ ...story(slug(i), '2025-07-26T10:00:00+07:00', { locale, translationId: `t-${i}` }), file: `${locale}/${slug(i)}.md`, section: 'world', title: 't', summary: 's', status: 'published', body: 'x' }) as unknown as Article),
    ).flat();
    const index = buildIndex(articles);
    const child = groupByMonth(index.published).children[0]!;
    const xml = await renderSitemap(storyEntries(child, index.byTranslation), { xhtml: true });
    expect(child.stories).toHaveLength(count * locales.length);
    expect(Buffer.byteLength(xml) * (maxUrlsPerChild() / child.stories.length)).toBeLessThan(MAX_SITEMAP_BYTES);
  });
});

describe('child sitemap names', () => {
  it('name the first part by its month and later parts by their number, and read back only those names', () => {
    expect(childName('2025-07', 1)).toBe('2025-07');
    expect(childName('2025-07', 2)).toBe('2025-07-2');
    expect(sitemapChildPath('2025-07-2')).toBe('/sitemaps/2025-07-2.xml');
    expect(parseChildName('2025-07.xml')).toEqual({ month: '2025-07', part: 1 });
    expect(parseChildName('2025-07-2.xml')).toEqual({ month: '2025-07', part: 2 });
    expect(parseChildName('2025-07-12.xml')).toEqual({ month: '2025-07', part: 12 });
    for (const hostile of ['9999-99.xml', '2025-13.xml', '2025-00.xml', '2025-07-0.xml', '2025-07-1.xml', '2025-07-02.xml', '2025-7.xml', '2025-07', '2025-07.xml.gz', '../2025-07.xml', '2025-07.XML', ' 2025-07.xml', '2025-07-99999.xml']) {
      expect(parseChildName(hostile), hostile).toBeUndefined();
    }
  });
});

describe('month lifetimes', () => {
  const now = Date.parse('2025-08-01T00:30:00Z');
  it('keep a past month long, and leave the current month (and a later one) to the short default', () => {
    expect(monthSitemapCacheControl('2025-07', now)).toMatch(/^public, max-age=86400, s-maxage=31536000/);
    expect(monthSitemapCacheControl('2024-12', now)).toMatch(/s-maxage=31536000/);
    expect(monthSitemapCacheControl('2025-08', now)).toBeUndefined();
    expect(monthSitemapCacheControl('2025-09', now)).toBeUndefined();
  });
});

describe('sitemapArchive', () => {
  const article = (slug: string, locale: 'id' | 'en', publishedAt: string, translationId = slug): Article =>
    ({ ...story(slug, publishedAt, { locale, translationId }), file: `${locale}/${slug}.md`, section: 'world', title: slug, summary: 's', status: 'published', body: 'x' }) as unknown as Article;

  it('groups once per content index (snapshot), and again for a new one', () => {
    const first = buildIndex([article('a', 'id', '2025-01-05T00:00:00Z'), article('b', 'id', '2025-02-05T00:00:00Z')]);
    expect(sitemapArchive(first)).toBe(sitemapArchive(first));
    const second = buildIndex([article('a', 'id', '2025-01-05T00:00:00Z')]);
    expect(sitemapArchive(second)).not.toBe(sitemapArchive(first));
    expect(sitemapArchive(second).children.map((c) => c.name)).toEqual(['2025-01']);
  });

  it("lists the pages' child and each month's with absolute URLs; a month's entries carry the alternates of every version", () => {
    const index = buildIndex([article('banjir', 'id', '2025-01-05T00:00:00Z', 'flood'), article('flood', 'en', '2025-02-01T01:00:00Z', 'flood')]);
    const archive = sitemapArchive(index);
    const entries = sitemapIndexEntries(archive);
    expect(entries.map((e) => new URL(e.url).pathname)).toEqual(['/sitemaps/pages.xml', '/sitemaps/2025-01.xml', '/sitemaps/2025-02.xml']);
    expect(entries[0]!.lastmod).toBe('2025-02-01T01:00:00.000Z');
    const january = storyEntries(archive.byName.get('2025-01')!, index.byTranslation);
    expect(january.map((e) => new URL(e.url).pathname)).toEqual(['/id/berita/banjir']);
    expect(january[0]!.links!.map((l) => [l.lang, new URL(l.url).pathname])).toEqual([
      ['id', '/id/berita/banjir'],
      ['en', '/en/news/flood'],
      ['x-default', '/id/berita/banjir'],
    ]);
  });
});

describe('newsSitemapStories', () => {
  const now = Date.parse('2025-08-10T12:00:00Z');
  it('lists the last two days, newest first, and stops at the first older story', () => {
    const stories = newestFirst([
      story('baru', '2025-08-10T11:00:00Z'),
      story('kemarin', '2025-08-09T12:00:00Z'),
      story('batas', '2025-08-08T12:00:00Z'),
      story('lama', '2025-08-08T11:59:59Z'),
    ]);
    expect(newsSitemapStories(stories, now).map((s) => s.slug)).toEqual(['baru', 'kemarin', 'batas']);
  });

  it('lists at most 1,000, the newest', () => {
    const stories = many(1_500, '2025-08-09T00:00:00Z');
    const listed = newsSitemapStories(stories, now);
    expect(NEWS_SITEMAP_MAX_URLS).toBe(1_000);
    expect(listed).toHaveLength(1_000);
    expect(listed[0]!.slug).toBe('s-1499');
    expect(listed[999]!.slug).toBe('s-500');
  });
});
