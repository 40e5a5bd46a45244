import { escapeXml } from '@/lib/feeds';

export interface SitemapEntry {
  /** Absolute URL of the page. */
  url: string;
  /** ISO 8601 date and time of the last change. */
  lastModified?: string;
  changeFrequency?: 'always' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'never';
  priority?: number;
  /** hreflang (or x-default) → absolute URL of that language's version. */
  alternates?: Record<string, string>;
}

/**
 * A sitemaps.org 0.9 document with hreflang alternates (xhtml:link). The sitemaps.org schema
 * wants loc, lastmod, changefreq and priority first and foreign elements after them; Next's own
 * sitemap writer puts the xhtml:link elements straight after loc, which the schema rejects
 * (docs/decisions/008-sitemap-writer.md).
 */
export function renderSitemap(entries: readonly SitemapEntry[]): string {
  const hasAlternates = entries.some((e) => e.alternates && Object.keys(e.alternates).length > 0);
  const urls = entries.map((e) => {
    const lines = [`    <loc>${escapeXml(e.url)}</loc>`];
    if (e.lastModified) lines.push(`    <lastmod>${escapeXml(e.lastModified)}</lastmod>`);
    if (e.changeFrequency) lines.push(`    <changefreq>${e.changeFrequency}</changefreq>`);
    if (e.priority !== undefined) lines.push(`    <priority>${e.priority.toFixed(1)}</priority>`);
    for (const [hreflang, href] of Object.entries(e.alternates ?? {})) {
      lines.push(`    <xhtml:link rel="alternate" hreflang="${escapeXml(hreflang)}" href="${escapeXml(href)}"/>`);
    }
    return `  <url>\n${lines.join('\n')}\n  </url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${hasAlternates ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' : ''}>
${urls.join('\n')}
</urlset>
`;
}
