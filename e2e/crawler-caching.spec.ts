import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { parse } from 'node-html-parser';

// What a CDN in front of the site sees, read as plain HTTP: public pages may be cached and served
// stale while they are refreshed, hashed assets and share images are kept for a year, and nothing
// cacheable sets a cookie (a shared cache would hand one reader's cookie to the next).

const seed = {
  id: '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global',
  en: '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative',
};

const publicPages = [
  '/id',
  '/en',
  '/id/rubrik/teknologi',
  '/en/section/technology',
  seed.id,
  seed.en,
];

const feeds = ['/id/feed.xml', '/en/feed.xml'];

const YEAR = 31536000;

/** Cache-Control as a map of directive → value ("" for a bare directive). */
function directives(response: APIResponse): Map<string, string> {
  const header = response.headers()['cache-control'] ?? '';
  return new Map(
    header
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean)
      .map((d) => {
        const [name, value = ''] = d.split('=');
        return [name!.trim(), value.trim()] as const;
      }),
  );
}

function expectNoCookie(response: APIResponse, url: string) {
  expect(response.headers()['set-cookie'], `${url} sets no cookie`).toBeUndefined();
}

function expectLongLived(response: APIResponse, url: string) {
  const cc = directives(response);
  expect(cc.has('public'), `${url}: Cache-Control "${response.headers()['cache-control']}" is public`).toBe(true);
  expect(Number(cc.get('max-age')), `${url}: max-age of a year`).toBeGreaterThanOrEqual(YEAR);
  expect(cc.has('immutable'), `${url}: immutable`).toBe(true);
  expectNoCookie(response, url);
}

async function scriptsStylesAndFonts(request: APIRequestContext, path: string) {
  const html = await (await request.get(path)).text();
  const doc = parse(html);
  // The stylesheet may be linked or inlined (experimental.inlineCss, decision 013); the fonts are
  // preloaded or named by url() in the CSS.
  const inlineCss = doc.querySelectorAll('style').map((el) => el.textContent).join('\n');
  const cssFonts = [...inlineCss.matchAll(/url\((["']?)(\/_next\/static\/[^"')]+\.(?:woff2?|ttf|otf))\1\)/g)].map((m) => m[2]!);
  return {
    scripts: doc.querySelectorAll('script[src]').map((el) => el.getAttribute('src')!),
    styles: doc.querySelectorAll('link[rel="stylesheet"]').map((el) => el.getAttribute('href')!),
    inlineCss,
    fonts: [...new Set([...doc.querySelectorAll('link[rel="preload"][as="font"]').map((el) => el.getAttribute('href')!), ...cssFonts])],
    ogImage: doc.querySelector('meta[property="og:image"]')?.getAttribute('content'),
  };
}

test.describe('a CDN may cache public pages', () => {
  for (const path of publicPages) {
    test(`${path} is shared-cacheable, revalidates in the background, and has a validator`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      const cc = directives(response);
      expect(cc.has('private') || cc.has('no-store') || cc.has('no-cache'), `${path}: "${response.headers()['cache-control']}" is not private`).toBe(false);
      expect(Number(cc.get('s-maxage')), `${path}: s-maxage in "${response.headers()['cache-control']}"`).toBeGreaterThan(0);
      expect(Number(cc.get('stale-while-revalidate')), `${path}: stale-while-revalidate`).toBeGreaterThan(0);
      expectNoCookie(response, path);

      const etag = response.headers()['etag'];
      const lastModified = response.headers()['last-modified'];
      expect(etag ?? lastModified, `${path} sends an ETag or Last-Modified`).toBeTruthy();
      // The validator works: asking again with it gets "not modified" and no body.
      const again = await request.get(path, {
        maxRedirects: 0,
        headers: etag ? { 'if-none-match': etag } : { 'if-modified-since': lastModified! },
      });
      expect(again.status(), `${path} revalidated with ${etag ? 'If-None-Match' : 'If-Modified-Since'}`).toBe(304);
    });
  }
});

test.describe('a CDN may cache the feeds', () => {
  for (const path of feeds) {
    test(`${path} is shared-cacheable and revalidates in the background`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const cc = directives(response);
      expect(cc.has('private') || cc.has('no-store'), `${path}: "${response.headers()['cache-control']}" is not private`).toBe(false);
      expect(Number(cc.get('s-maxage')), `${path}: s-maxage`).toBeGreaterThan(0);
      expect(Number(cc.get('stale-while-revalidate')), `${path}: stale-while-revalidate`).toBeGreaterThan(0);
      expectNoCookie(response, path);
    });
  }
});

test('hashed styles and fonts are cached for a year as immutable; no script file to cache', async ({ request }) => {
  const { scripts, styles, inlineCss, fonts } = await scriptsStylesAndFonts(request, seed.id);
  const assets = [...scripts, ...styles, ...fonts].filter((src) => src.startsWith('/_next/static/'));
  // Next's client runtime is taken out of every page (decision 020): the drawer's script is inline.
  expect(scripts, 'the article loads no script file').toEqual([]);
  expect(styles.length > 0 || inlineCss.includes('.site-header'), 'the article has its stylesheet, linked or inline').toBe(true);
  expect(fonts.length, 'the article names its web fonts (preloaded or in its CSS)').toBeGreaterThan(0);
  for (const kind of [scripts, styles, fonts].filter((k) => k.length)) expect(assets.filter((a) => kind.includes(a)).length, 'hashed files under /_next/static/').toBeGreaterThan(0);
  for (const src of assets) {
    const response = await request.get(src);
    expect(response.status(), src).toBe(200);
    expectLongLived(response, src);
  }
});

test('pages come without Next\'s client runtime or a second copy of themselves (decision 020)', async ({ request }) => {
  for (const path of publicPages) {
    const response = await request.get(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    expect(html, `${path}: no RSC payload rows`).not.toContain('__next_f');
    expect(html, `${path}: no script file`).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html, `${path}: no preloaded script`).not.toMatch(/<link[^>]*\bas="script"/);
    // The one script a page runs: the drawer's, inline, last.
    expect(html, `${path}: ends with the drawer's script`).toMatch(/<script>(?:(?!<\/script>)[\s\S])+<\/script><\/body><\/html>$/);
  }
});

test.describe('share images are long-lived', () => {
  for (const path of [seed.id, seed.en]) {
    test(`the share image of ${path} keeps its year-long, immutable Cache-Control`, async ({ request }) => {
      const { ogImage } = await scriptsStylesAndFonts(request, path);
      expect(ogImage, `${path} has og:image`).toBeTruthy();
      const imagePath = new URL(ogImage!).pathname;
      for (const attempt of ['first', 'second']) {
        const response = await request.get(imagePath);
        expect(response.status(), `${imagePath} (${attempt} request)`).toBe(200);
        expect(response.headers()['content-type'], imagePath).toBe('image/png');
        expectLongLived(response, `${imagePath} (${attempt} request)`);
      }
    });
  }

  test('the site-wide share images are long-lived too', async ({ request }) => {
    for (const path of ['/id/share.png', '/en/share.png']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expectLongLived(response, path);
    }
  });
});

test('the language-choosing redirect at / is private to the reader', async ({ request }) => {
  const response = await request.get('/', { maxRedirects: 0, headers: { 'accept-language': 'en-US,en;q=0.9' } });
  expect(response.status()).toBe(307);
  expect(response.headers()['location']).toMatch(/\/en$/);
  const cc = directives(response);
  expect(cc.has('private'), `"${response.headers()['cache-control']}" is private`).toBe(true);
  expect(cc.has('s-maxage'), 'no shared-cache lifetime').toBe(false);
  expect(response.headers()['vary'] ?? '', 'varies by language and cookie').toMatch(/accept-language/i);
});
