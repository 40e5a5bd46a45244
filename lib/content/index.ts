import { getSnapshot } from '@/lib/content/live';
import type { StoryMeta } from '@/lib/content/meta';
import { fallbackLocale, locales, type Locale } from '@/i18n/languages';

/**
 * The one index of published articles that lists, feeds, sitemaps and pages read from: part of
 * the live content snapshot (lib/content/live.ts), the same for every read within one request.
 */
export interface ContentIndex {
  /**
   * Every published article in every language, newest first: each a StoryMeta (what the database
   * store keeps in memory) or a whole StoryMeta (the folder's); lib/content/details.ts reads the rest.
   */
  published: readonly StoryMeta[];
  bySlug: ReadonlyMap<string, StoryMeta>;
  byTranslation: ReadonlyMap<string, Partial<Record<Locale, StoryMeta>>>;
  /**
   * Stories as a reader of one language sees them, each once: the article in their language, else
   * the fallback language's version, else the first in the site's order.
   */
  storiesFor: Readonly<Record<Locale, readonly StoryMeta[]>>;
  /** "locale/slug" of stories taken down: their URLs answer 410 Gone. */
  gone: ReadonlySet<string>;
  /** "locale/slug" → translationId of stories that moved to another slug: redirected. */
  renamed: ReadonlyMap<string, string>;
}

const publishedTimes = new WeakMap<StoryMeta, number>();

/** `publishedAt` in ms, parsed once per article: every re-index reads it for 20,000 stories. */
export function publishedTime(article: StoryMeta): number {
  let time = publishedTimes.get(article);
  if (time === undefined) publishedTimes.set(article, (time = Date.parse(article.publishedAt)));
  return time;
}

export function byNewest(a: StoryMeta, b: StoryMeta): number {
  return publishedTime(b) - publishedTime(a) || a.slug.localeCompare(b.slug);
}

export const isPublished = (article: StoryMeta): boolean => article.status === 'published';

/** `isVisible` lets a Draft Mode preview add the one story it may show; everything else sees published only. */
export function buildIndex(
  articles: readonly StoryMeta[],
  isVisible: (article: StoryMeta) => boolean = isPublished,
  { gone = new Set(), renamed = new Map() }: { gone?: ReadonlySet<string>; renamed?: ReadonlyMap<string, string> } = {},
): ContentIndex {
  const published = articles.filter(isVisible).sort(byNewest);
  const bySlug = new Map<string, StoryMeta>();
  const byTranslation = new Map<string, Partial<Record<Locale, StoryMeta>>>();
  for (const article of published) {
    bySlug.set(`${article.locale}/${article.slug}`, article);
    const versions = byTranslation.get(article.translationId) ?? {};
    versions[article.locale] = article;
    byTranslation.set(article.translationId, versions);
  }
  const storiesFor = Object.fromEntries(
    locales.map((locale) => {
      // With a third language, a story missing in the reader's language can exist in two others:
      // the list shows one of them, never both.
      const preference = [locale, ...(locale === fallbackLocale ? [] : [fallbackLocale]), ...locales];
      const shown = (versions: Partial<Record<Locale, StoryMeta>>) => versions[preference.find((l) => versions[l])!];
      return [locale, published.filter((a) => shown(byTranslation.get(a.translationId)!) === a)];
    }),
  ) as Record<Locale, StoryMeta[]>;
  return { published, bySlug, byTranslation, storiesFor, gone, renamed };
}

/** What readers see now (this request's snapshot). */
export function getContentIndex(): ContentIndex {
  return getSnapshot().index;
}
