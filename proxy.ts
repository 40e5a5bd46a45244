import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_COOKIE, routing } from '@/i18n/routing';
import { negotiateLocale } from '@/lib/negotiate';
import { locales, sectionIds, sectionSlugs, type Locale } from '@/lib/site';

/**
 * Runs only for paths WITHOUT a locale prefix (see `config.matcher`): it picks the reader's language
 * and redirects. Locale-prefixed pages never pass through here, which keeps them static and fast
 * and avoids redirect loops behind proxies that rewrite the Host header.
 */

/** First path segments that exist in some language, e.g. "berita" → { id: "berita", en: "news" }. */
const segmentTranslations: Map<string, Record<Locale, string>> = (() => {
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

const sectionTranslations = new Map<string, Record<Locale, string>>(
  sectionIds.flatMap((id) => locales.map((l) => [sectionSlugs[id][l], sectionSlugs[id]] as const)),
);

const LOOKS_LIKE_LOCALE = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$/i;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const prefixed = /^\/(id|en)(?:\/|$)/.exec(pathname)?.[1];
  if (prefixed) {
    // Only locale-prefixed paths holding a "%" reach here (see the matcher). No slug, section or
    // page number contains one, and Next would answer a malformed escape such as %ff with a 500.
    return NextResponse.rewrite(new URL(`/${prefixed}/_invalid-path`, request.url));
  }

  const locale = negotiateLocale(request.headers.get('accept-language'), request.cookies.get(LOCALE_COOKIE)?.value);
  const segments = pathname.split('/').filter(Boolean);
  const [first] = segments;

  let response: NextResponse;
  if (first && !segmentTranslations.has(first) && LOOKS_LIKE_LOCALE.test(first)) {
    // An unknown locale prefix (/fr/…, /id-ID/…): a 404 in the reader's language, not a redirect.
    response = NextResponse.rewrite(new URL(`/${locale}/_unknown-locale`, request.url));
  } else {
    const translated = first ? segmentTranslations.get(first) : undefined;
    if (translated) {
      segments[0] = translated[locale];
      const section = segments[1] ? sectionTranslations.get(segments[1]) : undefined;
      if (section && (first === 'rubrik' || first === 'section')) segments[1] = section[locale];
    }
    const target = new URL(request.url);
    target.pathname = `/${[locale, ...segments].join('/')}`;
    target.search = search;
    response = NextResponse.redirect(target, 307);
  }
  response.headers.set('Vary', 'Accept-Language, Cookie');
  response.headers.set('Cache-Control', 'private, no-cache');
  return response;
}

export const config = {
  matcher: [
    // Paths without a locale prefix, except Next's assets and the site-wide files.
    '/((?!id(?:/|$)|en(?:/|$)|_next/|api/|robots\\.txt$|sitemap[^/]*\\.xml$|favicon\\.ico$|icon\\.svg|logo\\.png$|manifest\\.webmanifest$).*)',
    // Locale-prefixed paths with a percent sign (malformed or hostile escapes).
    '/:locale(id|en)/:rest(.*%.*)',
  ],
};
