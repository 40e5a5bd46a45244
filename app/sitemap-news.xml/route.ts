import { getContentIndex } from '@/lib/content/index';
import { absoluteUrl, siteName } from '@/lib/site';
import { renderSitemap, sitemapResponse } from '@/lib/seo/sitemap';
import { newsSitemapStories } from '@/lib/seo/sitemap-entries';
import { articlePath } from '@/lib/urls';
import { language } from '@/i18n/languages';

export const dynamic = 'force-static';
export const revalidate = 300;

/** Google News sitemap: the stories of the last two days, newest first, 1,000 at most (regenerated every few minutes). */
export async function GET() {
  const entries = newsSitemapStories(getContentIndex().published).map((a) => ({
    url: absoluteUrl(articlePath(a)),
    news: {
      publication: { name: siteName, language: language(a.locale).hreflang },
      publication_date: a.publishedAt,
      title: a.title,
    },
  }));
  return sitemapResponse(await renderSitemap(entries, { news: true }));
}
