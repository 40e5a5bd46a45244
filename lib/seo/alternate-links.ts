import type { ContentIndex } from '@/lib/content/index';
import { sectionIds } from '@/lib/site';
import { locales, type Locale } from '@/i18n/languages';
import { articlePath, homePath, localeAlternates, sectionPath, storyAlternates } from '@/lib/urls';

/**
 * The HTTP `Link` header with hreflang alternates (RFC 8288), for crawlers that read headers
 * rather than HTML. Static pages cannot set per-page headers in Next, so the HTTP guard
 * (lib/http/guard.ts) adds this value by path, from a map built once from the content index.
 */
export function linkHeaderValue(languages: Record<string, string>): string {
  return Object.entries(languages)
    .map(([hreflang, url]) => `<${url}>; rel="alternate"; hreflang="${hreflang}"`)
    .join(', ');
}

/** Public path → Link header, for home, sections and every published article (only versions that exist). */
export function buildAlternateLinks(index: ContentIndex): Map<string, string> {
  const links = new Map<string, string>();
  const home = linkHeaderValue(localeAlternates((l: Locale) => homePath(l)));
  for (const locale of locales) links.set(homePath(locale), home);
  for (const id of sectionIds) {
    const value = linkHeaderValue(localeAlternates((l: Locale) => sectionPath(l, id)));
    for (const locale of locales) links.set(sectionPath(locale, id), value);
  }
  for (const versions of index.byTranslation.values()) {
    const value = linkHeaderValue(storyAlternates(versions));
    for (const article of Object.values(versions)) if (article) links.set(articlePath(article), value);
  }
  return links;
}
