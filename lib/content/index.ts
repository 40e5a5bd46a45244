import { getSnapshot } from '@/lib/content/live';
import type { Article } from '@/lib/content/parse';
import { fallbackLocale, locales, type Locale } from '@/i18n/languages';

/**
 * The one index of published articles that lists, feeds, sitemaps and pages read from: part of
 * the live content snapshot (lib/content/live.ts), the same for every read within one request.
 */
export interface ContentIndex {
  /** Every published article in every language, newest first. */
  published: readonly Article[];
  bySlug: ReadonlyMap<string, Article>;
  byTranslation: ReadonlyMap<string, Partial<Record<Locale, Article>>>;
  /**
   * Stories as a reader of one language sees them, each once: the article in their language, else
   * the fallback language's version, else the first in the site's order.
   */
  storiesFor: Readonly<Record<Locale, readonly Article[]>>;
  /** "locale/slug" of stories taken down: their URLs answer 410 Gone. */
  gone: ReadonlySet<string>;
  /** "locale/slug" → translationId of stories that moved to another slug: redirected. */
  renamed: ReadonlyMap<string, string>;
}

const publishedTimes = new WeakMap<Article, number>();

/** `publishedAt` in ms, parsed once per article: every re-index reads it for 20,000 stories. */
export function publishedTime(article: Article): number {
  let time = publishedTimes.get(article);
  if (time === undefined) publishedTimes.set(article, (time = Date.parse(article.publishedAt)));
  return time;
}

export function byNewest(a: Article, b: Article): number {
  return publishedTime(b) - publishedTime(a) || a.slug.localeCompare(b.slug);
}

export const isPublished = (article: Article): boolean => article.status === 'published';

/** `isVisible` lets a Draft Mode preview add the one story it may show; everything else sees published only. */
export function buildIndex(
  articles: readonly Article[],
  isVisible: (article: Article) => boolean = isPublished,
  { gone = new Set(), renamed = new Map() }: { gone?: ReadonlySet<string>; renamed?: ReadonlyMap<string, string> } = {},
): ContentIndex {
  const published = articles.filter(isVisible).sort(byNewest);
  const bySlug = new Map<string, Article>();
  const byTranslation = new Map<string, Partial<Record<Locale, Article>>>();
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
      const shown = (versions: Partial<Record<Locale, Article>>) => versions[preference.find((l) => versions[l])!];
      return [locale, published.filter((a) => shown(byTranslation.get(a.translationId)!) === a)];
    }),
  ) as Record<Locale, Article[]>;
  return { published, bySlug, byTranslation, storiesFor, gone, renamed };
}

/** What readers see now (this request's snapshot). */
export function getContentIndex(): ContentIndex {
  return getSnapshot().index;
}
