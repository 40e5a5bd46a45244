import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DRAFTS, ID_ONLY_DRAFT, SEED_PATH } from './support/stories';

// What the public, and crawlers above all, can reach of the drafts: nothing. Plain HTTP, no
// browser, run once (the editor's side, with preview links, is e2e/editor-preview.spec.ts).

const CONTENT_DIR = process.env.E2E_CONTENT_DIR!;
const SITE_URL = process.env.SITE_URL!;


function frontMatterField(file: string, field: string): string {
  const line = readFileSync(path.join(CONTENT_DIR, file), 'utf8').split('\n').find((l) => l.startsWith(`${field}: `))!;
  return JSON.parse(line.slice(field.length + 2)) as string;
}

test('draft URLs, their share images and the preview image are 404 for the public', async ({ request }) => {
  for (const locale of ['id', 'en'] as const) {
    const { path: draftPath, slug } = DRAFTS[locale];
    expect((await request.get(draftPath, { maxRedirects: 0 })).status()).toBe(404);
    expect((await request.get(`/${locale}/news/${slug}/opengraph-image`)).status()).toBe(404);
    expect((await request.get(`/api/preview/share-image?id=draft-ai-governance-explainer&locale=${locale}`)).status()).toBe(404);
  }
  // The other language's slug does not lead to the draft either.
  expect((await request.get(`/en/news/${DRAFTS.id.slug}`, { maxRedirects: 0 })).status()).toBe(404);
  expect((await request.get(`/en/news/${ID_ONLY_DRAFT.slug}`, { maxRedirects: 0 })).status()).toBe(404);

  // Readers keep the statically generated, shared-cache page.
  const seed = await request.get(SEED_PATH);
  expect(seed.headers()['cache-control']).toMatch(/s-maxage=\d+/);
  // From the page cache (a dynamic page has no such header, or an empty one).
  expect(seed.headers()['x-nextjs-cache']).toMatch(/^(HIT|STALE|MISS)$/);
});

test('a crawl of homes, sections, feeds and sitemaps finds no draft', async ({ request }) => {
  const draftMarks = [
    ...Object.values(DRAFTS).flatMap((d) => [d.slug, frontMatterField(d.file, 'title')]),
    ID_ONLY_DRAFT.slug,
    frontMatterField(ID_ONLY_DRAFT.file, 'title'),
    'draft-ai-governance-explainer',
  ];
  const queue = [
    '/id', '/en',
    '/id/rubrik/teknologi', '/id/rubrik/dunia', '/id/rubrik/ekonomi',
    '/en/section/technology', '/en/section/world', '/en/section/business',
    '/id/feed.xml', '/en/feed.xml', '/sitemap.xml', '/sitemap-news.xml', '/robots.txt',
  ];
  const seen = new Set(queue);
  let fetched = 0;
  while (queue.length && fetched < 150) {
    const url = queue.shift()!;
    const response = await request.get(url);
    fetched++;
    expect(response.status(), url).toBeLessThan(400);
    const type = response.headers()['content-type'] ?? '';
    if (!/html|xml|text/.test(type)) continue;
    const text = await response.text();
    for (const mark of draftMarks) expect(text, `${url} mentions "${mark}"`).not.toContain(mark);
    // Follow same-site links: hrefs in pages, <loc> and <link> in sitemaps and feeds.
    const links = [...text.matchAll(/href="([^"#]+)"|<(?:loc|link)>([^<]+)</g)].map((m) => (m[1] ?? m[2])!.replaceAll('&amp;', '&'));
    for (const link of links) {
      let target: URL;
      try {
        target = new URL(link, SITE_URL);
      } catch {
        continue;
      }
      // Absolute URLs are on SITE_URL (127.0.0.1); the test reaches the same server as localhost.
      const local = target.origin === new URL(SITE_URL).origin || target.hostname === 'localhost';
      const pathAndQuery = target.pathname + target.search;
      if (!local || !/^\/(id|en)(\/|$)|^\/sitemap/.test(target.pathname) || /\/opengraph-image|share\.png/.test(target.pathname)) continue;
      if (!seen.has(pathAndQuery)) {
        seen.add(pathAndQuery);
        queue.push(pathAndQuery);
      }
    }
  }
  // The crawl reached the stories, not only the entry points.
  expect(fetched).toBeGreaterThan(20);
});
