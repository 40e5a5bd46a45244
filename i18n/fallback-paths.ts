import { sectionIds } from '../lib/site';
import { defaultLocale, language, languages, locales, type Locale } from './languages';
import { routing } from './routing';

/**
 * Paths that are not pages of the site but that a reader or crawler plausibly meant: shared by
 * proxy.ts (which redirects paths without a locale) and the HTTP guard (which renders the
 * localized 404 for unknown locale prefixes and malformed escapes, inside the process).
 */

/** First path segments that exist in some language, e.g. "berita" → { id: "berita", en: "news" }. */
export const segmentTranslations: ReadonlyMap<string, Record<Locale, string>> = (() => {
  const map = new Map<string, Record<Locale, string>>();
  for (const [internal, localized] of Object.entries(routing.pathnames)) {
    const first = (path: string) => path.split('/')[1] ?? '';
    if (!first(internal) || first(internal).startsWith('[')) continue;
    const perLocale = Object.fromEntries(
      locales.map((l) => [l, first(typeof localized === 'string' ? localized : localized[l])]),
    ) as Record<Locale, string>;
    for (const l of locales) map.set(perLocale[l], perLocale);
  }
  return map;
})();

export const sectionTranslations: ReadonlyMap<string, Record<Locale, string>> = new Map(
  sectionIds.flatMap((id) => {
    const perLocale = Object.fromEntries(locales.map((l) => [l, language(l).sections[id]])) as Record<Locale, string>;
    return locales.map((l) => [perLocale[l], perLocale] as const);
  }),
);

/** The first path segment of a section page, in any language ("rubrik", "section"). */
export const sectionSegments: ReadonlySet<string> = new Set(languages.map((l) => l.paths.section));

const LOOKS_LIKE_LOCALE = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$/i;
const LOCALE_PREFIX = new RegExp(`^/(${locales.join('|')})(?:/|$)`);
/** Top-level paths that are the site's own, whatever they look like. */
const SITE_PATHS = /^\/(?:_next|api)(?:\/|$)/;

/** The locale a path starts with, if it is one of ours. */
export function localePrefix(pathname: string): Locale | undefined {
  return LOCALE_PREFIX.exec(pathname)?.[1] as Locale | undefined;
}

/** Whether a path starts with something shaped like a locale we do not have (/fr/…, /id-ID/…). */
export function hasUnknownLocalePrefix(pathname: string): boolean {
  if (localePrefix(pathname) || SITE_PATHS.test(pathname)) return false;
  const first = pathname.split('/')[1] ?? '';
  return first !== '' && !segmentTranslations.has(first) && LOOKS_LIKE_LOCALE.test(first);
}

/*
 * The internal paths, under a language's prefix, where the HTTP guard renders the localized 404 of
 * a path that is no page; app/[locale]/[...rest] answers them as it answers any unknown path. No
 * slug, section or page number can take these names (slugs are lowercase letters, digits and hyphens).
 */
/** For a path under a language's prefix that no page can have (a malformed escape). */
export const INVALID_PATH_SEGMENT = '_invalid-path';
/** For a path under a prefix shaped like a language the site does not have (/fr/…, /id-ID/…). */
export const UNKNOWN_LOCALE_SEGMENT = '_unknown-locale';

/**
 * Where the localized 404 of a path that is no page is rendered, or undefined for any other path:
 * - an unknown locale prefix: the 404 in the reader's language (`readerLocale`, asked only then);
 * - a path under a language's prefix holding a "%": no slug, section or page number contains one, and Next
 *   answers a malformed escape such as %ff with a 500.
 */
export function notFoundRewrite(pathname: string, readerLocale: () => Locale = () => defaultLocale): string | undefined {
  const prefixed = localePrefix(pathname);
  if (prefixed) return pathname.includes('%') ? `/${prefixed}/${INVALID_PATH_SEGMENT}` : undefined;
  return hasUnknownLocalePrefix(pathname) ? `/${readerLocale()}/${UNKNOWN_LOCALE_SEGMENT}` : undefined;
}
