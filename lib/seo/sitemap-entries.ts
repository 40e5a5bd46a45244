import { EnumChangefreq } from 'sitemap';
import type { ContentIndex } from '@/lib/content/index';
import { absoluteUrl, sectionIds } from '@/lib/site';
import { locales, type Locale } from '@/i18n/languages';
import { articlePath, homePath, localeAlternates, sectionPath, storyAlternates } from '@/lib/urls';
import type { SitemapEntry, SitemapIndexEntry } from '@/lib/seo/sitemap';
import { PAGES_SITEMAP, sitemapChildPath, type MonthSitemap, type SitemapArchive, type SitemapStory } from '@/lib/seo/sitemap-archive';

/** What the sitemap index and its children list (app/sitemap.xml, app/sitemaps/[file]). */

/** hreflang → URL, as the library's xhtml:link entries. */
const links = (alternates: Record<string, string>) => Object.entries(alternates).map(([lang, url]) => ({ lang, url }));

/** The index: the listing pages' child, then every month's children, oldest first, each with its lastmod. */
export function sitemapIndexEntries(archive: SitemapArchive): SitemapIndexEntry[] {
  return [
    { url: absoluteUrl(sitemapChildPath(PAGES_SITEMAP)), lastmod: archive.newest },
    ...archive.children.map((child) => ({ url: absoluteUrl(sitemapChildPath(child.name)), lastmod: child.lastmod })),
  ];
}

/**
 * Home and every section in every language, with hreflang alternates; lastmod: the newest update
 * among the stories the page lists (a section's own, in that language's list), in UTC.
 */
export function listingEntries(index: Pick<ContentIndex, 'storiesFor'>): SitemapEntry[] {
  const newest = new Map<string, number>();
  const note = (key: string, time: number) => {
    if (!(time <= (newest.get(key) ?? -Infinity))) newest.set(key, time);
  };
  for (const l of locales) {
    for (const story of index.storiesFor[l]) {
      const time = Date.parse(story.updatedAt);
      note(l, time);
      note(`${l}/${story.section}`, time);
    }
  }
  const lastmod = (key: string) => (newest.has(key) ? new Date(newest.get(key)!).toISOString() : undefined);
  const listings = [
    { pathFor: (l: Locale) => homePath(l), key: (l: Locale) => l, priority: 1 },
    ...sectionIds.map((id) => ({ pathFor: (l: Locale) => sectionPath(l, id), key: (l: Locale) => `${l}/${id}`, priority: 0.7 })),
  ];
  return listings.flatMap(({ pathFor, key, priority }) => {
    const alternates = links(localeAlternates(pathFor));
    return locales.map((l) => ({ url: absoluteUrl(pathFor(l)), lastmod: lastmod(key(l)), changefreq: EnumChangefreq.HOURLY, priority, links: alternates }));
  });
}

/** A month's child: each story version at its canonical URL, with hreflang alternates for the versions that exist. */
export function storyEntries(child: MonthSitemap, byTranslation: ContentIndex['byTranslation']): SitemapEntry[] {
  return child.stories.map((story: SitemapStory) => ({
    url: absoluteUrl(articlePath(story)),
    lastmod: story.updatedAt,
    priority: 0.8,
    links: links(storyAlternates(byTranslation.get(story.translationId) ?? {})),
  }));
}

/** Google News: the stories of the last two days, at most 1,000 (its rules for a news sitemap). */
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_SITEMAP_MAX_URLS = 1_000;

/**
 * The news sitemap's stories, newest first, from a newest-first list: it stops at the first story
 * older than two days (or at 1,000), so the cost does not grow with the archive. A story dated in
 * the future (not visible yet) is not in the index at all.
 */
export function newsSitemapStories<S extends Pick<SitemapStory, 'publishedAt'>>(newestFirst: readonly S[], now = Date.now()): S[] {
  const since = now - NEWS_SITEMAP_WINDOW_MS;
  const recent: S[] = [];
  for (const story of newestFirst) {
    if (recent.length === NEWS_SITEMAP_MAX_URLS || Date.parse(story.publishedAt) < since) break;
    recent.push(story);
  }
  return recent;
}
