import { Readable } from 'node:stream';
import { ErrorLevel, normalizeURL, SitemapStream, streamToPromise, validateSMIOptions, type SitemapItemLoose } from 'sitemap';

export type { SitemapItemLoose as SitemapEntry } from 'sitemap';

/** The extensions a document uses; the library declares only these namespaces on <urlset>. */
export interface SitemapExtensions {
  /** hreflang alternates (`links`, written as xhtml:link). */
  xhtml?: boolean;
  /** Google News (`news`). */
  news?: boolean;
}

/**
 * A sitemaps.org 0.9 document, written by the `sitemap` package: it escapes text and attributes,
 * drops characters XML forbids, and writes xhtml:link and news:news after loc, lastmod,
 * changefreq and priority, the order the schema requires (Next's own writer does not:
 * docs/decisions/008-sitemap-writer.md). A bad entry (a priority above 1, a news item without a
 * title) throws instead of being written with a warning.
 *
 * Buffered, not streamed to the client: both sitemaps are rendered statically and revalidated,
 * and a stream that failed half-way would leave a truncated document in the caches.
 */
export async function renderSitemap(entries: readonly SitemapItemLoose[], extensions: SitemapExtensions): Promise<string> {
  // The library refuses an empty document; the news sitemap is empty after two quiet days.
  if (entries.length === 0) return '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n';
  // Validated before streaming: inside the stream the library throws from a callback, which would
  // be an uncaught exception that ends the server rather than an error this function returns.
  const items = entries.map((e) => validateSMIOptions(normalizeURL(e), ErrorLevel.THROW));
  const stream = new SitemapStream({ xmlns: { xhtml: false, news: false, image: false, video: false, ...extensions }, level: ErrorLevel.SILENT });
  const xml = await streamToPromise(Readable.from(items).pipe(stream));
  return `${xml.toString('utf8')}\n`;
}

/** A sitemap as served. */
export function sitemapResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
