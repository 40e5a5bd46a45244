import { getContentIndex } from '@/lib/content/index';
import { renderSitemapIndex, sitemapResponse } from '@/lib/seo/sitemap';
import { sitemapArchive } from '@/lib/seo/sitemap-archive';
import { sitemapIndexEntries } from '@/lib/seo/sitemap-entries';

export const dynamic = 'force-static';
export const revalidate = 300;

/**
 * The sitemap index (docs/decisions/030-sitemap-index.md): the listing pages' child and one child
 * per month of stories (app/sitemaps/[file]), each with the newest update in it.
 */
export async function GET() {
  return sitemapResponse(await renderSitemapIndex(sitemapIndexEntries(sitemapArchive(getContentIndex()))));
}
