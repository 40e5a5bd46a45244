import { NextResponse, type NextRequest } from 'next/server';
import { sectionSegments, sectionTranslations, segmentTranslations } from '@/i18n/fallback-paths';
import { LOCALE_COOKIE } from '@/i18n/locale-cookie';
import { negotiateLocale } from '@/lib/http/negotiate';
import { DESK_RESPONSE_HEADERS } from '@/lib/desk/request';

/**
 * Runs only for paths WITHOUT a locale prefix (see `config.matcher`): it picks the reader's language
 * and redirects. Locale-prefixed pages never pass through here, which keeps them static and fast
 * and avoids redirect loops behind proxies that rewrite the Host header.
 *
 * It never rewrites: Next sends a proxy's rewrite over the network to its own port, which fails
 * behind a TLS-terminating proxy (vercel/next.js#94745). Unknown locale prefixes and escapes under
 * a language's prefix are rendered as the localized 404 by the HTTP guard instead
 * (i18n/fallback-paths.ts).
 *
 * The matcher names no language: a first segment shaped like a language tag (two or three letters,
 * optionally a region: /id, /en, /ms, /pt-br) is left to the app, whose HTTP guard serves our
 * languages and answers any other such prefix with the localized 404. So adding a language file
 * needs no change here, and Next's static matcher stays a literal.
 */

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The desk (app/desk) has no language prefix and is never indexed nor kept by a cache (decision 026).
  if (/^\/desk(?:\/|$)/.test(pathname)) return NextResponse.next({ headers: DESK_RESPONSE_HEADERS });
  const locale = negotiateLocale(request.headers.get('accept-language'), request.cookies.get(LOCALE_COOKIE)?.value);
  const segments = pathname.split('/').filter(Boolean);
  const [first] = segments;
  const translated = first ? segmentTranslations.get(first) : undefined;
  if (translated) {
    segments[0] = translated[locale];
    const section = segments[1] ? sectionTranslations.get(segments[1]) : undefined;
    if (section && sectionSegments.has(first!)) segments[1] = section[locale];
  }
  const target = new URL(request.url);
  target.pathname = `/${[locale, ...segments].join('/')}`;
  target.search = search;
  const response = NextResponse.redirect(target, 307);
  response.headers.set('Vary', 'Accept-Language, Cookie');
  response.headers.set('Cache-Control', 'private, no-cache');
  return response;
}

export const config = {
  matcher: [
    // Paths without a locale prefix, except Next's assets, the pictures in public/images and /media, the
    // site-wide files (the sitemap index's children under /sitemaps/ too), the Web Vitals script
    // (public/vitals.js), and the health and metrics endpoints (answered by the HTTP guard; here too
    // in case one arrives before the guard is installed: a 404 then, never a redirect to a language).
    '/((?![a-z]{2,3}(?:-[a-z0-9]{2,8})?(?:/|$)|_next/|api/|images/|media/|healthz$|readyz$|metrics$|vitals\\.js$|robots\\.txt$|sitemap[^/]*\\.xml$|sitemaps/|favicon\\.ico$|icon\\.svg|logo\\.png$|manifest\\.webmanifest$).*)',
  ],
};
