import { routing, type AppPathname } from '@/i18n/routing';
import type { Locale } from '@/i18n/languages';

type Href = '/' | { pathname: AppPathname; params?: Record<string, string> };

/**
 * The public path of an internal pathname in a language: /news/[slug] → /id/berita/<slug>.
 * Links are plain <a> elements (full loads of static HTML), so only this is needed from routing.
 * It is not next-intl's createNavigation(): importing that into server components puts its client
 * Link and use-intl runtime (≈13 KB gzip) into every page's JavaScript (measured by bench/size.mjs).
 */
export function getPathname({ locale, href }: { locale: Locale; href: Href }): string {
  const { pathname, params = {} } = typeof href === 'string' ? { pathname: href } : href;
  const localized = routing.pathnames[pathname];
  const template = typeof localized === 'string' ? localized : localized[locale];
  const path = template.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`getPathname: missing param "${name}" for ${pathname}`);
    return encodeURIComponent(value);
  });
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}
