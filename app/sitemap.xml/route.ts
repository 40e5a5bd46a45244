import { getContentIndex } from '@/lib/content/index';
import { absoluteUrl, sectionIds } from '@/lib/site';
import { locales, type Locale } from '@/i18n/languages';
import { renderSitemap, type SitemapEntry } from '@/lib/sitemap';
import { articlePath, homePath, localeAlternates, sectionPath, storyAlternates } from '@/lib/urls';

export const dynamic = 'force-static';
export const revalidate = 300;

/** Every public page at its canonical URL, with hreflang alternates for the versions that exist. */
export function GET() {
  const index = getContentIndex();
  const newest = index.published[0]?.updatedAt;
  const listings = [
    { pathFor: (l: Locale) => homePath(l), priority: 1 },
    ...sectionIds.map((id) => ({ pathFor: (l: Locale) => sectionPath(l, id), priority: 0.7 })),
  ];
  const entries: SitemapEntry[] = listings.flatMap(({ pathFor, priority }) => {
    const alternates = localeAlternates(pathFor);
    return locales.map((l) => ({ url: absoluteUrl(pathFor(l)), lastModified: newest, changeFrequency: 'hourly' as const, priority, alternates }));
  });
  for (const article of index.published) {
    entries.push({
      url: absoluteUrl(articlePath(article)),
      lastModified: article.updatedAt,
      priority: 0.8,
      alternates: storyAlternates(index.byTranslation.get(article.translationId) ?? {}),
    });
  }
  return new Response(renderSitemap(entries), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
