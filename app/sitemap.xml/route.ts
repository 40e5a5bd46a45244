import { EnumChangefreq } from 'sitemap';
import { getContentIndex } from '@/lib/content/index';
import { absoluteUrl, sectionIds } from '@/lib/site';
import { locales, type Locale } from '@/i18n/languages';
import { renderSitemap, sitemapResponse, type SitemapEntry } from '@/lib/seo/sitemap';
import { articlePath, homePath, localeAlternates, sectionPath, storyAlternates } from '@/lib/urls';

export const dynamic = 'force-static';
export const revalidate = 300;

/** hreflang → URL, as the library's xhtml:link entries. */
const links = (alternates: Record<string, string>) => Object.entries(alternates).map(([lang, url]) => ({ lang, url }));

/** Every public page at its canonical URL, with hreflang alternates for the versions that exist. */
export async function GET() {
  const index = getContentIndex();
  const newest = index.published[0]?.updatedAt;
  const listings = [
    { pathFor: (l: Locale) => homePath(l), priority: 1 },
    ...sectionIds.map((id) => ({ pathFor: (l: Locale) => sectionPath(l, id), priority: 0.7 })),
  ];
  const entries: SitemapEntry[] = listings.flatMap(({ pathFor, priority }) => {
    const alternates = links(localeAlternates(pathFor));
    return locales.map((l) => ({ url: absoluteUrl(pathFor(l)), lastmod: newest, changefreq: EnumChangefreq.HOURLY, priority, links: alternates }));
  });
  for (const article of index.published) {
    entries.push({
      url: absoluteUrl(articlePath(article)),
      lastmod: article.updatedAt,
      priority: 0.8,
      links: links(storyAlternates(index.byTranslation.get(article.translationId) ?? {})),
    });
  }
  return sitemapResponse(await renderSitemap(entries, { xhtml: true }));
}
