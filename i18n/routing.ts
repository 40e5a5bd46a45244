// Relative import: this file is also loaded by next.config.ts, where the @/ alias does not resolve.
import { defineRouting } from 'next-intl/routing';
import { defaultLocale, languages, locales, type Language, type Locale } from './languages';

/** One localized path per language, from each language's file. */
function localized(path: (language: Language) => string): Record<Locale, string> {
  return Object.fromEntries(languages.map((l) => [l.code, path(l)])) as Record<Locale, string>;
}

/**
 * Every page lives under its language's prefix (/<code>/…), with localized path segments. The app's folders use the
 * internal (English) names on the left; next.config.ts rewrites the public, localized paths onto
 * them, so no proxy code runs for a locale-prefixed request (see docs/decisions/002).
 */
export const routing = defineRouting({
  locales,
  defaultLocale,
  localePrefix: 'always',
  localeCookie: false,
  pathnames: {
    '/': '/',
    '/page/[page]': localized((l) => `/${l.paths.page}/[page]`),
    '/news/[slug]': localized((l) => `/${l.paths.news}/[slug]`),
    '/section/[section]': localized((l) => `/${l.paths.section}/[section]`),
    '/section/[section]/[page]': localized((l) => `/${l.paths.section}/[section]/[page]`),
    '/search': localized((l) => `/${l.paths.search}`),
  },
});

export type AppPathname = keyof typeof routing.pathnames;
