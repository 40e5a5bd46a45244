import { getPathname } from '@/i18n/navigation';
import type { Article } from '@/lib/content/parse';
import { absoluteUrl, type SectionId } from '@/lib/site';
import { locales, type Locale, language, defaultLocale } from '@/i18n/languages';

export function homePath(locale: Locale, page = 1): string {
  return page <= 1
    ? getPathname({ locale, href: '/' })
    : getPathname({ locale, href: { pathname: '/page/[page]', params: { page: String(page) } } });
}

/** The article's own URL path (in its own language). */
export function articlePath(article: Pick<Article, 'locale' | 'slug'>): string {
  return storyPath(article.locale, article.slug);
}

/** The path of a story as shown under `locale` (may hold another language's slug as a fallback). */
export function storyPath(locale: Locale, slug: string): string {
  return getPathname({ locale, href: { pathname: '/news/[slug]', params: { slug } } });
}

export function sectionPath(locale: Locale, section: SectionId, page = 1): string {
  const slug = language(locale).sections[section];
  return page <= 1
    ? getPathname({ locale, href: { pathname: '/section/[section]', params: { section: slug } } })
    : getPathname({ locale, href: { pathname: '/section/[section]/[page]', params: { section: slug, page: String(page) } } });
}

export function feedPath(locale: Locale): string {
  return `/${locale}/feed.xml`;
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
