import { getContentIndex } from '@/lib/content/index';
import { escapeXml } from '@/lib/feeds';
import { absoluteUrl, siteName } from '@/lib/site';
import { articlePath } from '@/lib/urls';
import { language } from '@/i18n/languages';

export const dynamic = 'force-static';
export const revalidate = 300;

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

/** Google News sitemap: the stories of the last two days (regenerated every few minutes). */
export function GET() {
  const since = Date.now() - TWO_DAYS_MS;
  const recent = getContentIndex().published.filter((a) => Date.parse(a.publishedAt) >= since);
  const urls = recent
    .map(
      (a) => `  <url>
    <loc>${escapeXml(absoluteUrl(articlePath(a)))}</loc>
    <news:news>
      <news:publication>
        <news:name>${escapeXml(siteName)}</news:name>
        <news:language>${language(a.locale).hreflang}</news:language>
      </news:publication>
      <news:publication_date>${a.publishedAt}</news:publication_date>
      <news:title>${escapeXml(a.title)}</news:title>
    </news:news>
  </url>`,
    )
    .join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls}
</urlset>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
