import { describe, expect, it } from 'vitest';
import { renderSitemap } from '@/lib/sitemap';
import { parseXml, children, childText, attribute, sitemapSchemaErrors } from '../e2e/support/xml';

describe('renderSitemap', () => {
  const entry = {
    url: 'https://kabarkini.example/id/berita/a?x=1&y=2',
    lastModified: '2025-07-26T10:00:00+07:00',
    changeFrequency: 'hourly' as const,
    priority: 0.8,
    alternates: { id: 'https://kabarkini.example/id/berita/a', en: 'https://kabarkini.example/en/news/b', 'x-default': 'https://kabarkini.example/id/berita/a' },
  };

  it('is valid against the sitemaps.org schema with hreflang alternates', async () => {
    const xml = renderSitemap([entry, { url: 'https://kabarkini.example/en' }]);
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
  });

  it('escapes URLs and keeps every alternate', () => {
    const urlset = children(parseXml(renderSitemap([entry])), 'urlset')[0];
    const url = children(urlset, 'url')[0];
    expect(childText(url, 'loc')).toBe(entry.url);
    expect(childText(url, 'priority')).toBe('0.8');
    expect(Object.fromEntries(children(url, 'xhtml:link').map((l) => [attribute(l, 'hreflang'), attribute(l, 'href')]))).toEqual(entry.alternates);
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
