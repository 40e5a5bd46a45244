import { attribute, children, childText, parseXml } from './xml';

/** One `<url>` of a child sitemap. */
export interface SitemapUrl {
  loc: string;
  lastmod: string;
  /** hreflang → href of its xhtml:link alternates. */
  alternates: Record<string, string>;
}

/** A child as the index names it, and what it holds. */
export interface ChildSitemap {
  loc: string;
  /** Its lastmod in the index. */
  lastmod: string;
  status: number;
  headers: Headers;
  body: string;
  urls: SitemapUrl[];
}

export interface SitemapTree {
  /** The index document. */
  body: string;
  children: ChildSitemap[];
}

/** The `<url>` entries of a sitemap document. */
export function sitemapUrls(xml: string): SitemapUrl[] {
  const urlset = children(parseXml(xml), 'urlset')[0];
  return children(urlset, 'url').map((u) => ({
    loc: childText(u, 'loc'),
    lastmod: childText(u, 'lastmod'),
    alternates: Object.fromEntries(children(u, 'xhtml:link').map((l) => [attribute(l, 'hreflang'), attribute(l, 'href')])) as Record<string, string>,
  }));
}

/**
 * A GET, tried again when the connection fails before an answer: the server closes a kept-alive
 * connection after 5 idle seconds, and on a busy machine the reading of a 20 MB child can take
 * longer than that, so the next request may go out on a socket being closed (a GET is safe to repeat,
 * and crawlers do).
 */
async function get(url: URL): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * `/sitemap.xml` and every child it names, as a crawler reads them. The documents' URLs are the
 * build's (SITE_URL); each is fetched by its path from `origin`, the server under test.
 */
export async function readSitemaps(origin: string | URL): Promise<SitemapTree> {
  const response = await get(new URL('/sitemap.xml', origin));
  if (response.status !== 200) throw new Error(`/sitemap.xml answered ${response.status}`);
  const body = await response.text();
  const index = children(parseXml(body), 'sitemapindex')[0];
  if (!index) throw new Error(`/sitemap.xml is not a sitemap index:\n${body.slice(0, 500)}`);
  const listed = children(index, 'sitemap').map((s) => ({ loc: childText(s, 'loc'), lastmod: childText(s, 'lastmod') }));
  const fetched: ChildSitemap[] = [];
  for (const { loc, lastmod } of listed) {
    const child = await get(new URL(new URL(loc).pathname, origin));
    const text = await child.text();
    fetched.push({ loc, lastmod, status: child.status, headers: child.headers, body: text, urls: child.status === 200 ? sitemapUrls(text) : [] });
  }
  return { body, children: fetched };
}

/** Every URL listed across the index's children, in order. */
export async function allSitemapUrls(origin: string | URL): Promise<SitemapUrl[]> {
  return (await readSitemaps(origin)).children.flatMap((c) => c.urls);
}
