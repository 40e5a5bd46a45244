// Relative import: this file is also loaded by next.config.ts, where the @/ alias does not resolve.
import { defineRouting } from 'next-intl/routing';
import { defaultLocale, locales } from '../lib/site';

/**
 * Every page lives under /id/… or /en/…, with localized path segments. The app's folders use the
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
    '/page/[page]': { id: '/halaman/[page]', en: '/page/[page]' },
    '/news/[slug]': { id: '/berita/[slug]', en: '/news/[slug]' },
    '/section/[section]': { id: '/rubrik/[section]', en: '/section/[section]' },
    '/section/[section]/[page]': { id: '/rubrik/[section]/[page]', en: '/section/[section]/[page]' },
  },
});

export type AppPathname = keyof typeof routing.pathnames;

/** The cookie that remembers a reader's explicit language choice (set by the language switch only). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';
