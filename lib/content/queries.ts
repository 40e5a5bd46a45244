import { buildIndex, getContentIndex, isPublished, type ContentIndex } from '@/lib/content/index';
import type { StoryMeta } from '@/lib/content/meta';
import { pageSize, type SectionId } from '@/lib/site';
import { locales, sectionFromSlug, type Locale } from '@/i18n/languages';

export type StoryLookup =
  | { kind: 'article'; article: StoryMeta; versions: Partial<Record<Locale, StoryMeta>>; isFallback: boolean }
  | { kind: 'redirect'; article: StoryMeta }
  | { kind: 'gone' }
  | { kind: 'missing' };

/**
 * Finds what /<locale>/<article segment>/<slug> shows. The reader's language version when it
 * exists; a slug of another language's version is shown as a fallback when the story has no
 * version in this language, and redirects to this language's version when it has one.
 */
export function findStory(locale: Locale, slug: string, index: ContentIndex = getContentIndex()): StoryLookup {
  const own = index.bySlug.get(`${locale}/${slug}`);
  if (own) return { kind: 'article', article: own, versions: index.byTranslation.get(own.translationId) ?? {}, isFallback: false };
  for (const other of locales) {
    if (other === locale) continue;
    const foreign = index.bySlug.get(`${other}/${slug}`);
    if (!foreign) continue;
    const versions = index.byTranslation.get(foreign.translationId) ?? {};
    const translated = versions[locale];
    if (translated) return { kind: 'redirect', article: translated };
    return { kind: 'article', article: foreign, versions, isFallback: true };
  }
  for (const other of locales) {
    // A story whose slug changed: its old URL follows it (in this language if it has a version).
    const translationId = index.renamed.get(`${other}/${slug}`);
    const versions = translationId ? index.byTranslation.get(translationId) : undefined;
    const moved = versions?.[locale] ?? versions?.[other];
    if (moved) return { kind: 'redirect', article: moved };
  }
  // A story that was taken down, under its own language or as another language's fallback.
  if (locales.some((l) => index.gone.has(`${l}/${slug}`))) return { kind: 'gone' };
  return { kind: 'missing' };
}

/**
 * findStory for a Draft Mode preview: over `articles` as they are on disk now (read per request by
 * the caller), with the drafts of the one previewed story visible and every other draft hidden.
 */
export function findPreviewStory(locale: Locale, slug: string, translationId: string, articles: readonly StoryMeta[], now = Date.now()): StoryLookup {
  // Other stories as readers see them (an embargoed one stays hidden); the previewed one in full.
  const visible = (a: StoryMeta) => a.translationId === translationId || (isPublished(a) && Date.parse(a.publishedAt) <= now);
  return findStory(locale, slug, buildIndex(articles, visible));
}

export function getStories(locale: Locale, options: { section?: SectionId } = {}, index = getContentIndex()): readonly StoryMeta[] {
  const stories = index.storiesFor[locale];
  return options.section ? stories.filter((a) => a.section === options.section) : stories;
}

export function getLatestArticles(
  locale: Locale,
  { exclude, limit }: { exclude?: string; limit: number },
  index = getContentIndex(),
): StoryMeta[] {
  return index.storiesFor[locale].filter((a) => a.translationId !== exclude).slice(0, limit);
}

/** A page of a story list: its stories, newest first, and where it sits among the pages. */
interface ListPage {
  stories: StoryMeta[];
  page: number;
  pageCount: number;
}

/**
 * What a home page shows. On the first page, `lead` is the newest story in the reader's language
 * and `stories` the rest (a newer untranslated story stays in the list, marked there).
 */
export type HomeLookup = ({ kind: 'list'; lead?: StoryMeta } & ListPage) | { kind: 'missing' };

export type SectionLookup = ({ kind: 'list'; section: SectionId } & ListPage) | { kind: 'missing' };

/**
 * Finds what home page `page` shows. `page` is the URL's page segment as written; without one
 * (the home URL itself) it is the first page. A segment that is not a canonical page number, or a
 * page past the last, is missing.
 */
export function findHomePage(locale: Locale, page?: string, index = getContentIndex()): HomeLookup {
  const listing = listPage(getStories(locale, {}, index), page);
  if (!listing) return { kind: 'missing' };
  const lead = listing.page === 1 ? (listing.items.find((s) => s.locale === locale) ?? listing.items[0]) : undefined;
  return { kind: 'list', lead, stories: listing.items.filter((s) => s !== lead), page: listing.page, pageCount: listing.pageCount };
}

/** Finds what a section's page shows, by the section's localized slug ("teknologi") and the page segment as findHomePage. */
export function findSectionPage(locale: Locale, slug: string, page?: string, index = getContentIndex()): SectionLookup {
  const section = sectionFromSlug(locale, slug);
  const listing = section ? listPage(getStories(locale, { section }, index), page) : undefined;
  if (!section || !listing) return { kind: 'missing' };
  return { kind: 'list', section, stories: listing.items, page: listing.page, pageCount: listing.pageCount };
}

function listPage(stories: readonly StoryMeta[], page: string | undefined): Page<StoryMeta> | undefined {
  const number = page === undefined ? 1 : parsePageParam(page);
  return number === undefined ? undefined : paginate(stories, number);
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
}

/** 1-based pages; page 1 of an empty list exists (an empty section is not an error). */
export function paginate<T>(items: readonly T[], page: number, size = pageSize): Page<T> | undefined {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return undefined;
  return { items: items.slice((page - 1) * size, page * size), page, pageCount };
}

/** Parses a page number from a URL segment: only canonical positive integers ("2", not "02", "2.0" or "1e3"). */
export function parsePageParam(raw: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
}

/** The stories prerendered at build: the newest N per language, as [locale, slug] pairs. */
export function recentStoryParams(
  limit: number,
  { includeRedirects = false }: { includeRedirects?: boolean } = {},
  index = getContentIndex(),
): { locale: Locale; slug: string }[] {
  return locales.flatMap((locale) =>
    index.storiesFor[locale].slice(0, limit).flatMap((story) => {
      const params = [{ locale, slug: story.slug }];
      if (!includeRedirects) return params;
      // The other language's slug of a translated story redirects here. Prerendered, the redirect
      // is served from the cache with one Location header (rendered on request, Next 16.4 sends two).
      const versions = index.byTranslation.get(story.translationId) ?? {};
      for (const other of locales) {
        const version = versions[other];
        if (other !== locale && version && version.slug !== story.slug) params.push({ locale, slug: version.slug });
      }
      return params;
    }),
  );
}
