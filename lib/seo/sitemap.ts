import { Readable } from 'node:stream';
import { ErrorLevel, normalizeURL, SitemapIndexStream, SitemapStream, streamToPromise, validateSMIOptions, type IndexItem, type SitemapItemLoose } from 'sitemap';

export type { IndexItem as SitemapIndexEntry, SitemapItemLoose as SitemapEntry } from 'sitemap';

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
 * Buffered, not streamed to the client: sitemaps are rendered statically and revalidated,
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

/**
 * A sitemaps.org 0.9 sitemap index (`<sitemapindex>`), written by the same library: each child's
 * absolute URL and lastmod (in UTC). A bad URL throws rather than being left out.
 */
export async function renderSitemapIndex(children: readonly IndexItem[]): Promise<string> {
  const stream = new SitemapIndexStream({ level: ErrorLevel.THROW });
  const xml = await streamToPromise(Readable.from(children).pipe(stream));
  return `${xml.toString('utf8')}\n`;
}

/**
 * A sitemap as served. `cacheControl`, when given, replaces the lifetime Next gives a static
 * route (its `revalidate`): the children of past months (app/sitemaps/[file]/route.ts).
 */
export function sitemapResponse(xml: string, { cacheControl }: { cacheControl?: string } = {}): Response {
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8', ...(cacheControl ? { 'Cache-Control': cacheControl } : {}) } });
}

/** The answer for a child sitemap that does not exist: a plain 404 (a crawler reads no page). */
export function sitemapNotFound(): Response {
  return new Response('Not Found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
