import { EnumChangefreq } from 'sitemap';
import { describe, expect, it } from 'vitest';
import { renderSitemap, renderSitemapIndex, type SitemapEntry } from '@/lib/seo/sitemap';
import { parseXml, children, childText, attribute, sitemapIndexSchemaErrors, sitemapSchemaErrors, wellFormednessErrors } from '../../e2e/support/xml';

const alternates = { id: 'https://kabarkini.example/id/berita/a', en: 'https://kabarkini.example/en/news/b', 'x-default': 'https://kabarkini.example/id/berita/a' };
const entry: SitemapEntry = {
  url: 'https://kabarkini.example/id/berita/a?x=1&y=2',
  lastmod: '2025-07-26T10:00:00+07:00',
  changefreq: EnumChangefreq.HOURLY,
  priority: 0.8,
  links: Object.entries(alternates).map(([lang, url]) => ({ lang, url })),
};
const hostileTitle = `</news:title><script>alert("x")</script> Q&A ]]> <b>'quoted'</b>\u0001`;
const newsEntry = (title: string): SitemapEntry => ({
  url: 'https://kabarkini.example/en/news/b',
  news: { publication: { name: 'Kabar & Kini', language: 'en' }, publication_date: '2025-07-26T10:00:00+07:00', title },
});

describe('renderSitemap', () => {
  it('is valid against the sitemaps.org schema with hreflang alternates (after lastmod, changefreq and priority)', async () => {
    const xml = await renderSitemap([entry, { url: 'https://kabarkini.example/en' }], { xhtml: true });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
  });

  it('escapes URLs and keeps every alternate, the date and the priority', async () => {
    const urlset = children(parseXml(await renderSitemap([entry], { xhtml: true })), 'urlset')[0];
    expect(attribute(urlset, 'xmlns:xhtml')).toBe('http://www.w3.org/1999/xhtml');
    expect(attribute(urlset, 'xmlns:news'), 'no namespace it does not use').toBeUndefined();
    const url = children(urlset, 'url')[0];
    expect(childText(url, 'loc')).toBe(entry.url);
    expect(childText(url, 'priority')).toBe('0.8');
    expect(childText(url, 'changefreq')).toBe('hourly');
    expect(Date.parse(childText(url, 'lastmod'))).toBe(Date.parse(entry.lastmod!));
    expect(Object.fromEntries(children(url, 'xhtml:link').map((l) => [attribute(l, 'hreflang'), attribute(l, 'href')]))).toEqual(alternates);
  });

  it('writes a Google News entry valid against its schema, a hostile title as text', async () => {
    const xml = await renderSitemap([newsEntry(hostileTitle)], { news: true });
    expect(await sitemapSchemaErrors(xml, 'sitemap-news.xml')).toEqual([]);
    const url = children(children(parseXml(xml), 'urlset')[0], 'url')[0];
    const news = children(url, 'news:news')[0];
    expect(Object.keys(news ?? {}).filter((k) => !k.startsWith('@') && k !== '#text').sort()).toEqual(['news:publication', 'news:publication_date', 'news:title']);
    expect(childText(news, 'news:title')).toBe(hostileTitle.replace('\u0001', ''));
    expect(childText(children(news, 'news:publication')[0], 'news:name')).toBe('Kabar & Kini');
  });

  it('is an empty, well-formed document when there is nothing to list (a quiet two days for the news sitemap)', async () => {
    const xml = await renderSitemap([], { news: true });
    expect(await wellFormednessErrors(xml)).toEqual([]);
    expect(children(children(parseXml(xml), 'urlset')[0], 'url')).toEqual([]);
  });

  it('refuses an entry search engines would reject instead of writing it', async () => {
    await expect(renderSitemap([{ ...entry, priority: 2 }], { xhtml: true })).rejects.toThrow(/priority/i);
  });

  it('the schema check rejects what Next 16.4 wrote: xhtml:link before lastmod', async () => {
    const nextOrder = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
      '<url><loc>https://kabarkini.example/id</loc>',
      '<xhtml:link rel="alternate" hreflang="id" href="https://kabarkini.example/id" />',
      '<lastmod>2025-07-26T10:00:00+07:00</lastmod></url>',
      '</urlset>',
    ].join('\n');
    expect((await sitemapSchemaErrors(nextOrder)).join('\n')).toMatch(/lastmod.*not expected/);
  });
});

describe('renderSitemapIndex', () => {
  const items = [
    { url: 'https://kabarkini.example/sitemaps/pages.xml', lastmod: '2025-08-01T10:00:00+07:00' },
    { url: 'https://kabarkini.example/sitemaps/2025-07.xml?a=1&b=2', lastmod: '2025-07-31T23:00:00Z' },
  ];

  it('is valid against the sitemaps.org index schema, each child with its URL and lastmod in UTC', async () => {
    const xml = await renderSitemapIndex(items);
    expect(await sitemapIndexSchemaErrors(xml)).toEqual([]);
    const index = children(parseXml(xml), 'sitemapindex')[0];
    expect(attribute(index, 'xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(children(index, 'sitemap').map((s) => [childText(s, 'loc'), childText(s, 'lastmod')])).toEqual([
      ['https://kabarkini.example/sitemaps/pages.xml', '2025-08-01T03:00:00.000Z'],
      ['https://kabarkini.example/sitemaps/2025-07.xml?a=1&b=2', '2025-07-31T23:00:00.000Z'],
    ]);
  });

  it('the index schema check rejects a urlset, and the sitemap check an index', async () => {
    expect((await sitemapIndexSchemaErrors(await renderSitemap([entry], { xhtml: true }))).join('\n')).toMatch(/urlset/);
    expect((await sitemapSchemaErrors(await renderSitemapIndex(items))).join('\n')).toMatch(/sitemapindex/);
  });

  it('refuses a child that is not an absolute http(s) URL', async () => {
    await expect(renderSitemapIndex([{ url: 'javascript:alert(1)' }])).rejects.toThrow();
  });
});
