import type { Article } from '@/lib/content/parse';
import { absoluteUrl, type SectionId } from '@/lib/site';
import { defaultLocale, language, locales, type Locale } from '@/i18n/languages';

/**
 * Public paths, built from each language's file (its prefix and localized segments). They match
 * `i18n/routing.ts`'s pathnames, which next.config.ts turns into rewrites (lib/urls.test.ts checks
 * every route in every language); built here so that lib/ needs no routing code. Links are plain
 * <a> elements (full loads of static HTML): next-intl's createNavigation() would put its client
 * Link and runtime (≈13 KB gzip) into every page's JavaScript.
 */
function localizedPath(locale: Locale, ...segments: string[]): string {
  return ['', locale, ...segments.map(encodeURIComponent)].join('/');
}

export function homePath(locale: Locale, page = 1): string {
  return page <= 1 ? localizedPath(locale) : localizedPath(locale, language(locale).paths.page, String(page));
}

/** The article's own URL path (in its own language). */
export function articlePath(article: Pick<Article, 'locale' | 'slug'>): string {
  return storyPath(article.locale, article.slug);
}

/** The path of a story as shown under `locale` (may hold another language's slug as a fallback). */
export function storyPath(locale: Locale, slug: string): string {
  return localizedPath(locale, language(locale).paths.news, slug);
}

export function sectionPath(locale: Locale, section: SectionId, page = 1): string {
  const { paths, sections } = language(locale);
  return page <= 1 ? localizedPath(locale, paths.section, sections[section]) : localizedPath(locale, paths.section, sections[section], String(page));
}

/**
 * The search page (app/[locale]/search), with the reader's words and a page after the first:
 * `/id/cari?q=kerja+sama&page=2`. A GET form's own URL, so the same words give the same URL.
 */
export function searchPath(locale: Locale, query?: string, page = 1): string {
  const params = new URLSearchParams();
  if (query !== undefined) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `${localizedPath(locale, language(locale).paths.search)}${search ? `?${search}` : ''}`;
}

export function feedPath(locale: Locale): string {
  return `/${locale}/feed.xml`;
}

/** The Atom feed beside the RSS one (app/[locale]/atom.xml). */
export function atomFeedPath(locale: Locale): string {
  return `/${locale}/atom.xml`;
}

/**
 * hreflang alternates for a story: only the versions that exist, plus x-default
 * (the version in the site's first language where there is one, else the next in the site's order).
 */
export function storyAlternates(versions: Partial<Record<Locale, Pick<Article, 'locale' | 'slug'>>>): Record<string, string> {
  const languages: Record<string, string> = {};
  for (const locale of locales) {
    const version = versions[locale];
    if (version) languages[language(locale).hreflang] = absoluteUrl(articlePath(version));
  }
  const preferred = locales.map((l) => versions[l]).find(Boolean);
  if (preferred) languages['x-default'] = absoluteUrl(articlePath(preferred));
  return languages;
}

export function localeAlternates(pathFor: (locale: Locale) => string): Record<string, string> {
  const languages: Record<string, string> = Object.fromEntries(locales.map((l) => [language(l).hreflang, absoluteUrl(pathFor(l))]));
  languages['x-default'] = absoluteUrl(pathFor(defaultLocale));
  return languages;
}
