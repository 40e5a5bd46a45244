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

// What every re-index reads of each story, worked out once per story object (a story's meta never
// changes: a new version is a new object). Kept on the object itself under symbols, not in a
// WeakMap: at a million stories the sort alone made 40 million WeakMap lookups. Not enumerable, so a
// copy made with `{ ...story, … }` never carries a value of the story it was copied from.
const TIME = Symbol('publishedTime');
const KEY = Symbol('locale/slug');
type Derived = StoryMeta & { [TIME]?: number; [KEY]?: string };

function remember<T>(article: Derived, symbol: typeof TIME | typeof KEY, value: T): T {
  Object.defineProperty(article, symbol, { value, enumerable: false, writable: false, configurable: false });
  return value;
}

/** `publishedAt` in ms, parsed once per story. */
export function publishedTime(article: StoryMeta): number {
  return (article as Derived)[TIME] ?? remember(article as Derived, TIME, Date.parse(article.publishedAt));
}

/** "locale/slug", the key of the story's URL, made once per story (one string shared by every map). */
export function storyKeyOf(article: StoryMeta): string {
  return (article as Derived)[KEY] ?? remember(article as Derived, KEY, `${article.locale}/${article.slug}`);
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
  // Sorted by number: the times are read once, not in every comparison.
  const visible = articles.filter(isVisible);
  const times = new Float64Array(visible.length);
  const order = new Uint32Array(visible.length);
  for (let i = 0; i < visible.length; i++) {
    times[i] = publishedTime(visible[i]!);
    order[i] = i;
  }
  order.sort((x, y) => times[y]! - times[x]! || visible[x]!.slug.localeCompare(visible[y]!.slug));
  const published: StoryMeta[] = new Array(visible.length);
  for (let i = 0; i < order.length; i++) published[i] = visible[order[i]!]!;
  const bySlug = new Map<string, StoryMeta>();
  const byTranslation = new Map<string, Partial<Record<Locale, StoryMeta>>>();
  for (const article of published) {
    bySlug.set(storyKeyOf(article), article);
    let versions = byTranslation.get(article.translationId);
    if (!versions) byTranslation.set(article.translationId, (versions = {}));
    versions[article.locale as Locale] = article;
  }
  const storiesFor = Object.fromEntries(
    locales.map((locale) => {
      // With a third language, a story missing in the reader's language can exist in two others:
      // the list shows one of them, never both.
      const preference = [locale, ...(locale === fallbackLocale ? [] : [fallbackLocale]), ...locales];
      const shown = (versions: Partial<Record<Locale, StoryMeta>>) => {
        for (const l of preference) if (versions[l]) return versions[l];
        return undefined;
      };
      return [locale, published.filter((a) => shown(byTranslation.get(a.translationId)!) === a)];
    }),
  ) as Record<Locale, StoryMeta[]>;
  return { published, bySlug, byTranslation, storiesFor, gone, renamed };
}

/** What readers see now (this request's snapshot). */
export function getContentIndex(): ContentIndex {
  return getSnapshot().index;
}
