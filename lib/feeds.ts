import type { Article } from '@/lib/content/parse';
import { absoluteUrl, siteName } from '@/lib/site';
import { type Locale, language } from '@/i18n/languages';
import { articlePath, feedPath, homePath } from '@/lib/urls';

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Text for an RSS `<description>`, whose content is HTML (RSS 2.0: "entity-encoded HTML is
 * allowed"): feed readers decode the XML and then render the HTML. Escaped for HTML first, then
 * for XML, so a summary's "<a href=…>" reaches the reader as the text it is, never as a link.
 */
export function escapeRssHtml(text: string): string {
  return escapeXml(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
}

/** RSS 2.0 of a language's latest stories (its own articles only: a feed has one language). */
export function renderRssFeed(
  locale: Locale,
  articles: readonly Article[],
  { title, description, sectionName }: { title: string; description: string; sectionName: (a: Article) => string },
): string {
  const self = absoluteUrl(feedPath(locale));
  // The latest change to any story in the feed, not the newest story's: an older one may be updated.
  const lastBuild = articles.reduce((latest, a) => Math.max(latest, Date.parse(a.updatedAt)), 0);
  const items = articles
    .map((a) => {
      const url = absoluteUrl(articlePath(a));
      return [
        '    <item>',
        `      <title>${escapeXml(a.title)}</title>`,
        `      <link>${escapeXml(url)}</link>`,
        `      <guid isPermaLink="true">${escapeXml(url)}</guid>`,
        `      <description>${escapeRssHtml(a.summary)}</description>`,
        `      <pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>`,
        `      <category>${escapeXml(sectionName(a))}</category>`,
        ...(a.author ? [`      <dc:creator>${escapeXml(a.author)}</dc:creator>`] : []),
        '    </item>',
      ].join('\n');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>${escapeXml(absoluteUrl(homePath(locale)))}</link>
    <description>${escapeRssHtml(description)}</description>
    <language>${language(locale).hreflang}</language>
    <lastBuildDate>${new Date(lastBuild).toUTCString()}</lastBuildDate>
    <generator>${escapeXml(siteName)}</generator>
    <atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}
