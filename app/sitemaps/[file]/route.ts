import { getContentIndex } from '@/lib/content/index';
import { renderSitemap, sitemapNotFound, sitemapResponse } from '@/lib/seo/sitemap';
import { monthSitemapCacheControl, PAGES_SITEMAP, parseChildName, sitemapArchive } from '@/lib/seo/sitemap-archive';
import { listingEntries, storyEntries } from '@/lib/seo/sitemap-entries';

// Rendered on first request and kept in the page cache until the content changes; the listing
// pages' child at build. A month's child sets its own, longer lifetime once the month is over.
export const dynamic = 'force-static';
export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams() {
  return [{ file: `${PAGES_SITEMAP}.xml` }];
}

/** A child of /sitemap.xml: `pages.xml`, or a month's stories (`2025-07.xml`, `2025-07-2.xml`…); any other name is a 404. */
export async function GET(_request: Request, { params }: RouteContext<'/sitemaps/[file]'>) {
  const { file } = await params;
  const index = getContentIndex();
  const archive = sitemapArchive(index);
  if (file === `${PAGES_SITEMAP}.xml`) return sitemapResponse(await renderSitemap(listingEntries(index), { xhtml: true }));
  const name = parseChildName(file);
  const child = name && archive.byName.get(file.slice(0, -'.xml'.length));
  if (!child) return sitemapNotFound();
  const xml = await renderSitemap(storyEntries(child, index.byTranslation), { xhtml: true });
  return sitemapResponse(xml, { cacheControl: monthSitemapCacheControl(child.month) });
}
