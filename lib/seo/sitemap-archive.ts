import type { StoryMeta } from '@/lib/content/meta';
import { publishedTime, type ContentIndex } from '@/lib/content/index';
import { MAX_SLUG_LENGTH } from '@/lib/content/schema';
import { absoluteUrl } from '@/lib/site';
import { language, locales } from '@/i18n/languages';
import { storyPath } from '@/lib/urls';

/**
 * How `/sitemap.xml` (a sitemap index) splits the archive into child sitemaps
 * (docs/decisions/030-sitemap-index.md): one child for the listing pages, and one per calendar month
 * of stories by `publishedAt`, cut into parts of at most MAX_URLS_PER_SITEMAP URLs, fewer if the
 * largest entries a child could hold would pass MAX_SITEMAP_BYTES (maxUrlsPerChild).
 *
 * Months are calendar months in UTC, not in the site's time zone (Asia/Jakarta): a month's URL then
 * never depends on a language's configuration (a story published at 03:00 WIB on 1 August is in
 * July's child).
 *
 * Only the fields every index entry keeps are read (the content index's StoryMeta: locale, slug,
 * translationId, publishedAt, updatedAt), never a body.
 */

/** The sitemaps.org limit on URLs in one file. */
export const MAX_URLS_PER_SITEMAP = 50_000;

/** The sitemaps.org limit on a file's size, uncompressed: 50 MB (52,428,800 bytes). */
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

/** The XML declaration and `<urlset …>…</urlset>` with its namespaces, with room to spare. */
const DOCUMENT_BYTES = 512;

/**
 * The most story URLs a child may hold: 50,000, or fewer if 50,000 entries at their largest would
 * pass 50 MB. An entry at its largest has the longest slug the schema allows in the language with
 * the longest URL, and an alternate for every language and x-default, each that long (as the
 * library writes them: lastmod in UTC, priority, xhtml:link). With two languages that is about
 * 880 bytes, 44 MB for 50,000; a third language lowers the limit. A bound rather than a
 * measure: counting every entry's real bytes would mean building every URL of the archive on each
 * change of content.
 */
export function maxUrlsPerChild(): number {
  const longestUrl = Math.max(...locales.map((l) => absoluteUrl(storyPath(l, 'x'.repeat(MAX_SLUG_LENGTH))).length));
  const longestHreflang = Math.max('x-default'.length, ...locales.map((l) => language(l).hreflang.length));
  const link = '<xhtml:link rel="alternate" hreflang="" href=""/>'.length + longestHreflang + longestUrl;
  const entry = '<url><loc></loc><lastmod>2025-07-26T03:00:00.000Z</lastmod><priority>0.8</priority></url>'.length + longestUrl + (locales.length + 1) * link;
  return Math.min(MAX_URLS_PER_SITEMAP, Math.floor((MAX_SITEMAP_BYTES - DOCUMENT_BYTES) / entry));
}

/** What a child sitemap needs of a story. */
export type SitemapStory = Pick<StoryMeta, 'locale' | 'slug' | 'translationId' | 'publishedAt' | 'updatedAt'>;

/** One child sitemap of stories: part `part` (1-based) of a month. */
export interface MonthSitemap<S extends SitemapStory = SitemapStory> {
  /** Its file name without `.xml`: `2025-07` for the first part, `2025-07-2` for the second… */
  name: string;
  /** `YYYY-MM`, UTC. */
  month: string;
  part: number;
  /** Its stories, oldest first (a month's first parts stay the same while the month grows). */
  stories: readonly S[];
  /** The newest `updatedAt` of its stories, as an ISO date in UTC. */
  lastmod: string;
}

export interface SitemapArchive<S extends SitemapStory = SitemapStory> {
  /** Every child of stories, oldest month first, each month's parts in order. */
  children: readonly MonthSitemap<S>[];
  byName: ReadonlyMap<string, MonthSitemap<S>>;
  /** The newest `updatedAt` of any story (the listing pages' lastmod), undefined with no story. */
  newest?: string;
}

/** `YYYY-MM` of an instant, in UTC. */
export function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

/** A child's file name (without `.xml`): the month for part 1, `<month>-<part>` after it. */
export function childName(month: string, part: number): string {
  return part === 1 ? month : `${month}-${part}`;
}

const CHILD_NAME = /^(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/;

/**
 * The month and part a child's file name (`2025-07.xml`, `2025-07-2.xml`) names, or undefined for
 * anything else: `2025-13.xml`, `2025-07-0.xml`, `2025-07-1.xml` (part 1 has one URL, the month's own),
 * `2025-07-02.xml`, other extensions. Whether that child exists is the archive's to say.
 */
export function parseChildName(file: string): { month: string; part: number } | undefined {
  const match = CHILD_NAME.exec(file);
  if (!match) return undefined;
  return { month: `${match[1]}-${match[2]}`, part: match[3] ? Number(match[3]) : 1 };
}

/**
 * Groups stories, given newest first (the content index's order), by UTC month of `publishedAt`,
 * oldest month first, each month cut into parts of at most `maxUrls` stories (one story version is
 * one URL). One pass, no sort: a newest-first list is already in month order. `publishedTimeOf` lets
 * the index hand over the times it parsed to sort; an `updatedAt` equal to `publishedAt` (a story
 * never corrected) is not parsed again.
 */
export function groupByMonth<S extends SitemapStory>(
  newestFirst: readonly S[],
  maxUrls = MAX_URLS_PER_SITEMAP,
  publishedTimeOf: (story: S) => number = (story) => Date.parse(story.publishedAt),
): SitemapArchive<S> {
  if (!Number.isInteger(maxUrls) || maxUrls < 1) throw new Error(`maxUrls must be a positive integer, not ${maxUrls}`);
  const months: { month: string; stories: S[]; updates: number[] }[] = [];
  let current: (typeof months)[number] | undefined;
  // The current month's bounds, so that a story in it costs no Date.
  let start = Infinity;
  let end = -Infinity;
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const story = newestFirst[i]!;
    const time = publishedTimeOf(story);
    if (!(time >= start && time < end)) {
      if (time < start && current) return groupByMonth(sortedNewestFirst(newestFirst), maxUrls);
      const date = new Date(time);
      start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
      end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      months.push((current = { month: monthOf(time), stories: [], updates: [] }));
    }
    current!.stories.push(story);
    current!.updates.push(story.updatedAt === story.publishedAt ? time : Date.parse(story.updatedAt));
  }
  const children: MonthSitemap<S>[] = [];
  let newest = -Infinity;
  for (const { month, stories, updates } of months) {
    for (let first = 0, part = 1; first < stories.length; first += maxUrls, part++) {
      let lastmod = -Infinity;
      for (let j = first; j < Math.min(first + maxUrls, stories.length); j++) lastmod = Math.max(lastmod, updates[j]!);
      newest = Math.max(newest, lastmod);
      const slice = first === 0 && stories.length <= maxUrls ? stories : stories.slice(first, first + maxUrls);
      children.push({ name: childName(month, part), month, part, stories: slice, lastmod: new Date(lastmod).toISOString() });
    }
  }
  return {
    children,
    byName: new Map(children.map((child) => [child.name, child])),
    newest: Number.isFinite(newest) ? new Date(newest).toISOString() : undefined,
  };
}

/** A copy sorted newest first, for a caller whose list is not (the index's always is). */
function sortedNewestFirst<S extends SitemapStory>(stories: readonly S[]): S[] {
  const time = new Map(stories.map((s) => [s, Date.parse(s.publishedAt)]));
  return [...stories].sort((a, b) => time.get(b)! - time.get(a)! || a.locale.localeCompare(b.locale) || a.slug.localeCompare(b.slug));
}

/** A story as the content index holds it (a whole Article in folder mode, its StoryMeta with PostgreSQL). */
type IndexedStory = ContentIndex['published'][number];

const archives = new WeakMap<ContentIndex, SitemapArchive<IndexedStory>>();

/**
 * The archive's children for one content snapshot, grouped once per snapshot (the index object is
 * the snapshot's, replaced on every change of content): a request for one month's child reads a
 * map, it never walks the archive.
 */
export function sitemapArchive(index: ContentIndex): SitemapArchive<IndexedStory> {
  let archive = archives.get(index);
  if (!archive) archives.set(index, (archive = groupByMonth(index.published, maxUrlsPerChild(), publishedTime)));
  return archive;
}

/** The month a story's child sitemap is in (for the front cache's keys: lib/front-cache/keys.ts). */
export function sitemapMonthOf(story: Pick<SitemapStory, 'publishedAt'>): string {
  return monthOf(Date.parse(story.publishedAt));
}

/** The folder of the child sitemaps, outside the languages' prefixes (proxy.ts lets it through). */
export const SITEMAPS_FOLDER = 'sitemaps';
/** The child of the listing pages (home and sections in every language): `/sitemaps/pages.xml`. */
export const PAGES_SITEMAP = 'pages';

/** A child sitemap's path: `/sitemaps/2025-07.xml`, `/sitemaps/pages.xml`. */
export function sitemapChildPath(name: string): string {
  return `/${SITEMAPS_FOLDER}/${name}.xml`;
}

/** A past month's child: a day in a crawler's or browser's cache, a year in the front cache (purged by key). */
export const PAST_MONTH_MAX_AGE = 86_400;
export const PAST_MONTH_SHARED_MAX_AGE = 31_536_000;

/**
 * How long a month's child may be kept. A past month's changes only by a correction, a takedown or
 * a story dated back into it, and each of those purges it from the front cache by its key
 * (`sitemap-<month>`, lib/front-cache/keys.ts): the front cache keeps it a year, a crawler a day
 * (nothing can purge a crawler's copy). The current month's (and a future one's) grows with every
 * publish: undefined, the short lifetime of the route's `revalidate`, as the index's.
 */
export function monthSitemapCacheControl(month: string, now = Date.now()): string | undefined {
  if (month >= monthOf(now)) return undefined;
  return `public, max-age=${PAST_MONTH_MAX_AGE}, s-maxage=${PAST_MONTH_SHARED_MAX_AGE}, stale-while-revalidate=${PAST_MONTH_MAX_AGE}`;
}
