import { expect, test, type APIRequestContext } from '@playwright/test';
import { parse, type HTMLElement } from 'node-html-parser';
import { PNG } from 'pngjs';
import { readArticleFile } from './support/content';
import { SEED_EN_PATH, SEED_PATH } from './support/stories';

const CRAWLERS = {
  Facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  X: 'Twitterbot/1.0',
  WhatsApp: 'WhatsApp/2.23.20.0 A',
  Telegram: 'TelegramBot (like TwitterBot)',
  LinkedIn: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  Slack: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
};

function meta(html: HTMLElement, key: string): string | undefined {
  return (html.querySelector(`meta[property="${key}"]`) ?? html.querySelector(`meta[name="${key}"]`))?.getAttribute('content');
}
function metaAll(html: HTMLElement, key: string): string[] {
  return html.querySelectorAll(`meta[property="${key}"]`).map((m) => m.getAttribute('content')!);
}

async function getAsCrawler(request: APIRequestContext, path: string, userAgent: string, acceptLanguage?: string) {
  const headers: Record<string, string> = { 'User-Agent': userAgent };
  if (acceptLanguage) headers['Accept-Language'] = acceptLanguage;
  let response = await request.get(path, { headers, maxRedirects: 0 });
  let redirects = 0;
  while (response.status() >= 300 && response.status() < 400) {
    redirects++;
    expect(redirects, `more than one redirect for ${path}`).toBeLessThanOrEqual(1);
    response = await request.get(response.headers()['location']!, { headers, maxRedirects: 0 });
  }
  return { response, redirects };
}

async function decodePng(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  const body = await response.body();
  return { response, body, png: PNG.sync.read(body) };
}

const ARTICLES = [
  { path: SEED_PATH, locale: 'id', slug: 'tiongkok-luncurkan-rencana-kerja-sama-ai-global', og: 'id_ID', alternate: 'en_US', section: 'Teknologi' },
  { path: SEED_EN_PATH, locale: 'en', slug: 'china-launches-global-ai-cooperation-plan-to-rival-us-initiative', og: 'en_US', alternate: 'id_ID', section: 'Technology' },
];

for (const article of ARTICLES) {
  test.describe(`sharing ${article.path}`, () => {
    test('every unfurling client gets the page with all the tags, with or without Accept-Language', async ({ request }) => {
      for (const [client, userAgent] of Object.entries(CRAWLERS)) {
        for (const acceptLanguage of [undefined, 'en-US,en;q=0.9', 'id-ID']) {
          const { response } = await getAsCrawler(request, article.path, userAgent, acceptLanguage);
          expect(response.status(), `${client} ${acceptLanguage}`).toBe(200);
          const html = parse(await response.text());
          expect(meta(html, 'og:title'), client).toBeTruthy();
          expect(meta(html, 'og:image'), client).toMatch(/^https?:\/\//);
          expect(meta(html, 'twitter:card'), client).toBe('summary_large_image');
        }
      }
    });

    test('meta tags match the article and every URL is absolute', async ({ request }) => {
      const source = readArticleFile(article.locale, article.slug);
      const response = await request.get(article.path, { headers: { 'User-Agent': CRAWLERS.Facebook } });
      const html = parse(await response.text());
      const canonical = html.querySelector('link[rel="canonical"]')!.getAttribute('href')!;

      expect(html.querySelector('title')!.text).toBe(`${source.title} | Kabar Kini`);
      expect(meta(html, 'description')).toBe(source.summary);
      expect(new URL(canonical).pathname).toBe(article.path);
      expect(meta(html, 'og:type')).toBe('article');
      expect(meta(html, 'og:title')).toBe(source.title);
      expect(meta(html, 'og:description')).toBe(source.summary);
      expect(meta(html, 'og:url')).toBe(canonical);
      expect(meta(html, 'og:site_name')).toBe('Kabar Kini');
      expect(meta(html, 'og:locale')).toBe(article.og);
      expect(metaAll(html, 'og:locale:alternate')).toEqual([article.alternate]);
      expect(meta(html, 'og:image:width')).toBe('1200');
      expect(meta(html, 'og:image:height')).toBe('630');
      expect(meta(html, 'og:image:type')).toBe('image/png');
      expect(meta(html, 'og:image:alt')).toBe(source.title);
      expect(meta(html, 'article:published_time')).toBe(source.publishedAt);
      expect(meta(html, 'article:modified_time')).toBe(source.updatedAt);
      expect(meta(html, 'article:section')).toBe(article.section);
      expect(metaAll(html, 'article:tag')).toEqual(source.tags);
      expect(meta(html, 'twitter:title')).toBe(source.title);
      expect(meta(html, 'twitter:description')).toBe(source.summary);
      expect(meta(html, 'twitter:image')).toBe(meta(html, 'og:image'));
      expect(meta(html, 'twitter:image:alt')).toBe(source.title);

      const urls = [
        canonical,
        meta(html, 'og:url')!,
        meta(html, 'og:image')!,
        ...html.querySelectorAll('link[rel="alternate"]').map((l) => l.getAttribute('href')!),
      ];
      for (const url of urls) expect(url, url).toMatch(/^https?:\/\/[^/]+\//);
    });

    test('structured data describes the article (NewsArticle, BreadcrumbList)', async ({ request }) => {
      const source = readArticleFile(article.locale, article.slug);
      const html = parse(await (await request.get(article.path)).text());
      const blocks = html.querySelectorAll('script[type="application/ld+json"]').map((s) => JSON.parse(s.textContent));
      const news = blocks.find((b) => b['@type'] === 'NewsArticle');
      const crumbs = blocks.find((b) => b['@type'] === 'BreadcrumbList');
      expect(news).toMatchObject({
        '@context': 'https://schema.org',
        headline: source.title,
        description: source.summary,
        datePublished: source.publishedAt,
        dateModified: source.updatedAt,
        inLanguage: article.locale,
        isAccessibleForFree: true,
      });
      expect(news.image[0]).toBe(meta(html, 'og:image'));
      expect(news.mainEntityOfPage['@id']).toBe(meta(html, 'og:url'));
      expect(news.author[0].name).toBeTruthy();
      expect(news.publisher).toMatchObject({ '@type': 'NewsMediaOrganization', name: 'Kabar Kini' });
      expect(news.publisher.logo.url).toMatch(/^https?:\/\/.+\/logo\.png$/);
      expect(crumbs.itemListElement.map((i: { position: number }) => i.position)).toEqual([1, 2, 3]);
      expect(crumbs.itemListElement[2].item).toBe(meta(html, 'og:url'));
      for (const item of crumbs.itemListElement) expect(item.item).toMatch(/^https?:\/\//);
    });

    test('og:image is a 1200×630 PNG under 300 KB, cached for long, under the page\'s own path', async ({ request }) => {
      const html = parse(await (await request.get(article.path)).text());
      const imageUrl = new URL(meta(html, 'og:image')!);
      expect(imageUrl.pathname).toBe(`${article.path}/opengraph-image`);
      expect(imageUrl.searchParams.get('v')).toMatch(/^[0-9a-z]+$/);
      const { response, body, png } = await decodePng(request, imageUrl.pathname + imageUrl.search);
      expect([png.width, png.height]).toEqual([1200, 630]);
      expect(body.length).toBeLessThan(300 * 1024);
      expect(response.headers()['cache-control']).toMatch(/max-age=(\d{6,})/);
      const { png: logo } = await decodePng(request, '/logo.png');
      expect([logo.width, logo.height]).toEqual([600, 60]);
    });
  });
}

test.describe('the share image URL', () => {
  const seed = ARTICLES[0]!;
  const internal = `/${seed.locale}/news/${seed.slug}/opengraph-image`;
  const publicPath = `${seed.path}/opengraph-image`;

  test('the old internal URL, which cards unfurled before still name, redirects permanently to the public one, version kept', async ({ request }) => {
    expect(publicPath, 'the seed page has a localized path').not.toBe(internal);
    const response = await request.get(`${internal}?v=abc123`, { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(response.headers()['location']).toBe(`${publicPath}?v=abc123`);
    const { png } = await decodePng(request, `${internal}?v=abc123`);
    expect([png.width, png.height]).toEqual([1200, 630]);
  });

  test('the public URL answers a 1200×630 PNG itself, with no redirect', async ({ request }) => {
    for (const path of [publicPath, `${SEED_EN_PATH}/opengraph-image`]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-type'], path).toBe('image/png');
      const png = PNG.sync.read(await response.body());
      expect([png.width, png.height], path).toEqual([1200, 630]);
    }
  });

  test('an unknown story\'s share image is a 404 that no shared cache keeps for long', async ({ request }) => {
    for (const path of [`/${seed.locale}/berita/tidak-ada-berita-ini/opengraph-image?v=1`, `/${seed.locale}/news/tidak-ada-berita-ini/opengraph-image?v=1`]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()['content-type'], path).not.toBe('image/png');
      expect(response.headers()['cache-control'], path).toBe('public, max-age=0, s-maxage=60');
    }
  });
});

test.describe('home and section pages', () => {
  for (const [path, title] of [
    ['/id', 'Kabar Kini: Berita Terkini Indonesia dan Dunia'],
    ['/en', 'Kabar Kini: Latest News from Indonesia and the World'],
    ['/id/rubrik/teknologi', 'Berita Teknologi | Kabar Kini'],
    ['/en/section/world', 'World News | Kabar Kini'],
  ] as const) {
    test(`${path} has its own title, description and the site-wide share image`, async ({ request }) => {
      const html = parse(await (await request.get(path)).text());
      expect(html.querySelector('title')!.text).toBe(title);
      expect(meta(html, 'description')!.length).toBeGreaterThan(40);
      expect(meta(html, 'og:type')).toBe('website');
      const { png } = await decodePng(request, new URL(meta(html, 'og:image')!).pathname);
      expect([png.width, png.height]).toEqual([1200, 630]);
    });
  }

  test('the home page describes the site: WebSite and NewsMediaOrganization', async ({ request }) => {
    const html = parse(await (await request.get('/id')).text());
    const graph = html.querySelectorAll('script[type="application/ld+json"]').flatMap((s) => JSON.parse(s.textContent)['@graph'] ?? []);
    expect(graph.map((n: { '@type': string }) => n['@type']).sort()).toEqual(['NewsMediaOrganization', 'WebSite']);
  });
});

test.describe('share images of awkward headlines', () => {
  /** The rows and columns of the padding: all background (white) if nothing overflows. */
  function paddingIsClear(png: PNG) {
    const isWhite = (x: number, y: number) => {
      const i = (png.width * y + x) << 2;
      return png.data[i]! > 245 && png.data[i + 1]! > 245 && png.data[i + 2]! > 245;
    };
    for (let y = 20; y < png.height; y++) {
      for (const x of [4, 30, png.width - 30, png.width - 4]) if (!isWhite(x, y)) return `pixel ${x},${y}`;
    }
    for (let x = 0; x < png.width; x++) for (const y of [png.height - 4, png.height - 20]) if (!isWhite(x, y)) return `pixel ${x},${y}`;
    return 'clear';
  }

  /** Heights of the bands of dark (headline) ink between the kicker and the footer: one per line of type. */
  function headlineLines(png: PNG) {
    const bands: number[] = [];
    let run = 0;
    for (let y = 100; y < 520; y++) {
      let ink = false;
      for (let x = 72; x < 1128 && !ink; x += 2) ink = png.data[(png.width * y + x) << 2]! < 80;
      if (ink) run++;
      else if (run > 0) {
        bands.push(run);
        run = 0;
      }
    }
    if (run > 0) bands.push(run);
    return bands.filter((h) => h >= 8);
  }

  test('a very long headline fits: smaller type, an ellipsis, nothing in the margins', async ({ request }) => {
    const { png, body } = await decodePng(request, '/id/berita/fixture-judul-sangat-panjang/opengraph-image');
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(body.length).toBeLessThan(300 * 1024);
    expect(paddingIsClear(png)).toBe('clear');
    // The headline is drawn (a blank card fails), on more lines and in smaller type than the seed's.
    const { png: seedCard } = await decodePng(request, `${SEED_PATH}/opengraph-image`);
    const long = headlineLines(png);
    const seed = headlineLines(seedCard);
    expect(seed.length, `the seed's headline lines: ${seed}`).toBeGreaterThanOrEqual(1);
    expect(long.length, `the long headline's lines: ${long}`).toBeGreaterThan(seed.length);
    expect(Math.max(...long), `line heights ${long} against the seed's ${seed}`).toBeLessThan(Math.max(...seed));
  });

  test('a headline with emoji and glyphs the font lacks still renders, offline', async ({ request }) => {
    const { png } = await decodePng(request, '/en/news/fixture-emoji-headline/opengraph-image');
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(paddingIsClear(png)).toBe('clear');
    // Something was drawn in the headline area (dark pixels), not an empty card.
    let dark = 0;
    for (let y = 150; y < 450; y += 3) for (let x = 72; x < 1128; x += 3) if (png.data[(png.width * y + x) << 2]! < 80) dark++;
    expect(dark).toBeGreaterThan(200);
  });
});

test.describe('PRERENDER_RECENT', () => {
  /**
   * Each language's list of stories as the site shows it (its own, and the other language's where
   * it has none), newest first, split where PRERENDER_RECENT cuts it (the e2e build sets it lower
   * than the fixtures, scripts/e2e.mjs).
   */
  async function recentAndOlder() {
    const { readdirSync } = await import('node:fs');
    const path = await import('node:path');
    const contentDir = process.env.E2E_CONTENT_DIR ?? 'content';
    const limit = Number(process.env.PRERENDER_RECENT ?? 200);
    const published = ['id', 'en'].flatMap((locale) =>
      readdirSync(path.join(contentDir, locale))
        .filter((f) => f.endsWith('.md'))
        .map((file) => readArticleFile(locale, file.replace(/\.md$/, '')))
        .filter((s) => s.status === 'published'),
    );
    return ['id', 'en'].map((locale) => {
      const list = published
        .filter((s) => s.locale === locale || !published.some((o) => o.translationId === s.translationId && o.locale === locale))
        .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || String(a.slug).localeCompare(String(b.slug)));
      return { locale, recent: list.slice(0, limit), older: list.slice(limit) };
    });
  }

  test('the build prerendered the newest stories and their share images, and only those', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const path = await import('node:path');
    const distDir = process.env.NEXT_DIST_DIR ?? '.next';
    const built = (locale: string, slug: string, file: string) => path.join(distDir, 'server/app', locale, 'news', slug + file);
    let recentCount = 0;
    let olderCount = 0;
    for (const { locale, recent, older } of await recentAndOlder()) {
      for (const story of recent) {
        expect(existsSync(built(locale, String(story.slug), '.html')), `${locale}/${story.slug} prerendered`).toBe(true);
        if (story.locale !== locale) continue; // a fallback page has no share image of its own
        const image = built(locale, String(story.slug), '/opengraph-image.body');
        expect(existsSync(image), image).toBe(true);
        const png = PNG.sync.read(readFileSync(image));
        expect([png.width, png.height]).toEqual([1200, 630]);
        recentCount++;
      }
      for (const story of older) {
        expect(existsSync(built(locale, String(story.slug), '.html')), `${locale}/${story.slug} is left to the first request`).toBe(false);
        expect(existsSync(built(locale, String(story.slug), '/opengraph-image.body'))).toBe(false);
        olderCount++;
      }
    }
    expect(recentCount).toBeGreaterThanOrEqual(14);
    expect(olderCount, 'the fixtures hold more stories than PRERENDER_RECENT').toBeGreaterThan(0);
  });

  test('an older story is rendered on its first request, then served from the cache', async ({ request }) => {
    const [indonesian] = await recentAndOlder();
    const oldest = indonesian!.older.at(-1)!;
    expect(oldest, 'an Indonesian story past PRERENDER_RECENT').toBeTruthy();
    const url = `/id/berita/${oldest.slug}`;
    const first = await request.get(url);
    expect(first.status()).toBe(200);
    expect(await first.text()).toContain(String(oldest.title));
    await expect.poll(async () => (await request.get(url)).headers()['x-nextjs-cache'], { message: `${url} cached` }).toBe('HIT');
    const image = await request.get(`${url}/opengraph-image`, { maxRedirects: 0 });
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toBe('image/png');
  });
});
