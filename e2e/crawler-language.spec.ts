import { expect, test } from '@playwright/test';
import { parse } from 'node-html-parser';
import { EN_ONLY_SLUG, ID_ONLY_SLUG, SEED_EN_PATH, SEED_PATH } from './support/stories';

test.describe('language negotiation for paths without a locale', () => {
  const cases: [string, string | undefined, string][] = [
    ['no Accept-Language (most crawlers)', undefined, '/id'],
    ['Indonesian', 'id', '/id'],
    ['Indonesian with region and q-values', 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7', '/id'],
    ['American English', 'en-US,en;q=0.9', '/en'],
    ['English preferred by q-value over Indonesian', 'id;q=0.3,en-GB;q=0.8', '/en'],
    ['French only: English is the fallback', 'fr-FR,fr;q=0.9', '/en'],
    ['a malformed header', ';;q=x,,==', '/id'],
  ];
  for (const [name, header, expected] of cases) {
    test(`${name} → ${expected}`, async ({ request }) => {
      const response = await request.get('/', { headers: header === undefined ? {} : { 'Accept-Language': header }, maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(new URL(response.headers()['location']!, 'http://x').pathname).toBe(expected);
      expect(response.headers()['vary']).toMatch(/Accept-Language/);
    });
  }

  test('an unprefixed article path keeps its place in the other language', async ({ request }) => {
    const response = await request.get('/berita/some-story', { headers: { 'Accept-Language': 'en' }, maxRedirects: 0 });
    expect(response.headers()['location']).toMatch(/\/en\/news\/some-story$/);
  });

  test('the remembered choice wins over Accept-Language', async ({ request }) => {
    const response = await request.get('/', { headers: { 'Accept-Language': 'id-ID', Cookie: 'NEXT_LOCALE=en' }, maxRedirects: 0 });
    expect(new URL(response.headers()['location']!, 'http://x').pathname).toBe('/en');
  });

  test('a crawler under another Host name lands after one redirect, never a loop', async ({ request }) => {
    const first = await request.get('/', { headers: { Host: 'kabar.example', 'User-Agent': 'facebookexternalhit/1.1' }, maxRedirects: 0 });
    expect(first.status()).toBe(307);
    const location = new URL(first.headers()['location']!, 'http://kabar.example');
    const second = await request.get(location.pathname, { headers: { Host: 'kabar.example' }, maxRedirects: 0 });
    expect(second.status()).toBe(200);
  });
});

test.describe('cacheable pages', () => {
  for (const path of ['/id', '/en', SEED_PATH, SEED_EN_PATH, '/id/rubrik/teknologi', '/en/section/world', '/id/feed.xml', '/sitemap.xml']) {
    test(`${path} carries no Set-Cookie, even for a reader with a language cookie`, async ({ request }) => {
      const response = await request.get(path, { headers: { Cookie: 'NEXT_LOCALE=en', 'Accept-Language': 'fr' }, maxRedirects: 0 });
      expect(response.status()).toBe(200);
      expect(response.headers()['set-cookie']).toBeUndefined();
    });
  }
});

test.describe('translated and untranslated stories', () => {
  test('hreflang alternates list the versions that exist, plus x-default', async ({ request }) => {
    const html = parse(await (await request.get(SEED_PATH)).text());
    const alternates = Object.fromEntries(
      html.querySelectorAll('link[rel="alternate"][hreflang]').map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href')!).pathname]),
    );
    expect(alternates).toEqual({ id: SEED_PATH, en: SEED_EN_PATH, 'x-default': SEED_PATH });
  });

  test('the Link header carries the same hreflang alternates', async ({ request }) => {
    const link = (await request.get(SEED_PATH)).headers()['link'] ?? '';
    const alternates = Object.fromEntries(
      [...link.matchAll(/<([^>]+)>; rel="alternate"; hreflang="([^"]+)"/g)].map(([, url, lang]) => [lang, new URL(url!).pathname]),
    );
    expect(alternates).toEqual({ id: SEED_PATH, en: SEED_EN_PATH, 'x-default': SEED_PATH });
    const onlyId = (await request.get(`/id/berita/${ID_ONLY_SLUG}`)).headers()['link'] ?? '';
    expect(onlyId).toContain('hreflang="id"');
    expect(onlyId).not.toContain('hreflang="en"');
  });

  test('an Indonesian-only story is shown under /en, marked with its language, canonical to its original', async ({ request }) => {
    const response = await request.get(`/en/news/${ID_ONLY_SLUG}`);
    expect(response.status()).toBe(200);
    const html = parse(await response.text());
    expect(html.querySelector('html')!.getAttribute('lang')).toBe('en');
    expect(html.querySelector('article')!.getAttribute('lang')).toBe('id');
    expect(html.querySelector('.fallback-notice')!.text).toContain('Indonesian');
    expect(new URL(html.querySelector('link[rel="canonical"]')!.getAttribute('href')!).pathname).toBe(`/id/berita/${ID_ONLY_SLUG}`);
    const hreflangs = html.querySelectorAll('link[rel="alternate"][hreflang]').map((l) => l.getAttribute('hreflang'));
    expect(hreflangs.sort()).toEqual(['id', 'x-default']);
  });

  test('an English-only story is shown under /id with an Indonesian notice', async ({ request }) => {
    const response = await request.get(`/id/berita/${EN_ONLY_SLUG}`);
    expect(response.status()).toBe(200);
    const html = parse(await response.text());
    expect(html.querySelector('html')!.getAttribute('lang')).toBe('id');
    expect(html.querySelector('article')!.getAttribute('lang')).toBe('en');
    expect(html.querySelector('.fallback-notice')!.text).toContain('bahasa Inggris');
    expect(new URL(html.querySelector('link[rel="canonical"]')!.getAttribute('href')!).pathname).toBe(`/en/news/${EN_ONLY_SLUG}`);
  });

  test('the other language’s slug of a translated story redirects to the translation', async ({ request }) => {
    const response = await request.get('/en/news/tiongkok-luncurkan-rencana-kerja-sama-ai-global', { maxRedirects: 0 });
    expect([301, 308]).toContain(response.status());
    expect(new URL(response.headers()['location']!, 'http://x').pathname).toBe(SEED_EN_PATH);
  });
});

test.describe('not found', () => {
  const cases: [string, string, string][] = [
    ['/id/berita/tidak-ada', 'id', 'Halaman tidak ditemukan'],
    ['/en/news/no-such-story', 'en', 'Page not found'],
    ['/id/rubrik/olahraga', 'id', 'Halaman tidak ditemukan'],
    ['/en/section/sport', 'en', 'Page not found'],
    ['/id/tidak/ada/sama/sekali', 'id', 'Halaman tidak ditemukan'],
    ['/en/news/%ff%fe', 'en', 'Page not found'],
  ];
  for (const [path, lang, title] of cases) {
    test(`${path} answers a localized 404`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status()).toBe(404);
      const html = parse(await response.text());
      expect(html.querySelector('html')!.getAttribute('lang')).toBe(lang);
      expect(html.querySelector('h1')!.text).toBe(title);
    });
  }

  test('an unknown locale prefix answers 404 in the reader’s language', async ({ request }) => {
    const response = await request.get('/fr/actualites', { headers: { 'Accept-Language': 'en-US' }, maxRedirects: 0 });
    expect(response.status()).toBe(404);
    const html = parse(await response.text());
    expect(html.querySelector('html')!.getAttribute('lang')).toBe('en');
  });
});
