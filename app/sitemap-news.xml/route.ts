import { getContentIndex } from '@/lib/content/index';
import { absoluteUrl, siteName } from '@/lib/site';
import { renderSitemap, sitemapResponse } from '@/lib/seo/sitemap';
import { articlePath } from '@/lib/urls';
import { language } from '@/i18n/languages';

export const dynamic = 'force-static';
export const revalidate = 300;

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

/** Google News sitemap: the stories of the last two days (regenerated every few minutes). */
export async function GET() {
  const since = Date.now() - TWO_DAYS_MS;
  const recent = getContentIndex().published.filter((a) => Date.parse(a.publishedAt) >= since);
  const entries = recent.map((a) => ({
    url: absoluteUrl(articlePath(a)),
    news: {
      publication: { name: siteName, language: language(a.locale).hreflang },
      publication_date: a.publishedAt,
      title: a.title,
    },
  }));
  return sitemapResponse(await renderSitemap(entries, { news: true }));
}
