import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { routing } from './i18n/routing';
import { deskPageHeaders, securityHeaders, transportSecurityHeader } from './lib/http/headers';
import { ARTICLE_SHARE_IMAGE_ROUTE } from './lib/share-image/route';
import { cachePolicy } from './lib/site';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** ":slug" style for next.config rules from next-intl's "[slug]" style. */
const toRule = (path: string) => path.replace(/\[([^\]]+)\]/g, ':$1');

/**
 * Localized public paths (e.g. /<code>/<localized news segment>/:slug) are rewritten onto the app's folders
 * (/<code>/news/:slug) here rather than in proxy.ts, so a request for a page runs no proxy code.
 * The internal path itself is redirected to the public one, so each page has one URL. An article's
 * share image follows its page (`…/<slug>/opengraph-image`); its old internal URL, which cards
 * already unfurled still name, redirects likewise, its `?v=` kept.
 */
function localizedPathRules() {
  const rewrites: { source: string; destination: string }[] = [];
  const redirects: { source: string; destination: string; permanent: boolean }[] = [];
  for (const [internal, localized] of Object.entries(routing.pathnames)) {
    if (typeof localized === 'string') continue;
    const below = internal === ARTICLE_SHARE_IMAGE_ROUTE.page ? ['', `/${ARTICLE_SHARE_IMAGE_ROUTE.segment}`] : [''];
    for (const [locale, publicPath] of Object.entries(localized)) {
      if (publicPath === internal) continue;
      for (const tail of below) {
        rewrites.push({ source: `/${locale}${toRule(publicPath)}${tail}`, destination: `/${locale}${toRule(internal)}${tail}` });
        redirects.push({ source: `/${locale}${toRule(internal)}${tail}`, destination: `/${locale}${toRule(publicPath)}${tail}`, permanent: true });
      }
    }
  }
  // Page 1 of a list lives at the list's own URL. Redirected here rather than by the page, whose
  // prerendered redirect went out with its Location header twice.
  for (const [internal, localized] of Object.entries(routing.pathnames)) {
    if (!internal.endsWith('/[page]') || typeof localized === 'string') continue;
    for (const [locale, publicPath] of Object.entries(localized)) {
      const list = internal === '/page/[page]' ? '' : toRule(publicPath.replace(/\/\[page\]$/, ''));
      redirects.unshift({ source: `/${locale}${toRule(publicPath).replace(':page', '1')}`, destination: `/${locale}${list}`, permanent: true });
    }
  }
  return { rewrites, redirects };
}

const isDev = process.env.NODE_ENV === 'development';
const siteUrl = process.env.SITE_URL || 'http://localhost:3000';

const nextConfig: NextConfig = {
  // Lets tests and benchmarks build side by side without overwriting each other's .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // SOURCE_MAPS=1 at build time: client source maps, so a CPU profile of the page names React's and
  // Next's functions rather than minified ones (decision 013). Off by default: nothing to serve.
  productionBrowserSourceMaps: process.env.SOURCE_MAPS === '1',
  // SITE_URL is fixed when the site is built (static pages embed it), so it is inlined into the
  // server code too: headers set at run time (hreflang Link, HSTS) always agree with the pages.
  env: { SITE_URL: siteUrl },
  reactStrictMode: true,
  // `npm test` type-checks the whole project first (tsc), so its builds skip Next's own pass.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  // Static pages: s-maxage comes from each route's `revalidate`; this sets stale-while-revalidate.
  expireTime: cachePolicy.pageSMaxAge + cachePolicy.pageStaleWhileRevalidate,
  experimental: {
    globalNotFound: true,
    // The stylesheet (a few KB) goes inside the HTML: a phone on a slow network paints the story as
    // soon as the HTML arrives, instead of a round trip later (decision 013).
    inlineCss: true,
  },
  // The page cache, keyed to the live content's version, so a publish shows on the next request
  // without a rebuild (docs/decisions/010-live-content.md): in memory (nothing written to disk, so a
  // flood of random slugs cannot fill it, and bounded), or shared by every instance through Redis
  // when the server runs with REDIS_URL (decision 009; the module picks one at server start).
  cacheHandler: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/cache/page-cache-handler.mjs'),
  // The site draws no picture through next/image: the optimiser at /_next/image would only let anyone
  // make the server re-encode images on demand (CPU per request, nothing cached). Off: it answers 404.
  images: { unoptimized: true },
  async rewrites() {
    return { beforeFiles: localizedPathRules().rewrites, afterFiles: [], fallback: [] };
  },
  async redirects() {
    return localizedPathRules().redirects;
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [...securityHeaders({ dev: isDev }), ...transportSecurityHeader(siteUrl)],
      },
      // Later rules win: the desk's pages may frame the site's own (the preview beside the editor).
      { source: '/desk', headers: deskPageHeaders({ dev: isDev }) },
      { source: '/desk/:path*', headers: deskPageHeaders({ dev: isDev }) },
    ];
  },
};

export default withNextIntl(nextConfig);
