import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { parse } from 'node-html-parser';
import { PNG } from 'pngjs';
import { readFrontMatter } from '../lib/content/front-matter.mjs';
import { children, childText, parseXml, readFeed, wellFormednessErrors } from './support/xml';

// Hostile content (e2e/fixtures/content/*/fixture-hostile-*.md): a body with <script>, on*
// attributes, javascript: and data: links, iframes and forms, and a title and summary holding
// HTML, quotes and </script>. Whatever reads the site (a crawler, a feed reader, an unfurler)
// gets that text escaped, never markup, in the page, the meta tags, the JSON-LD, the feed and the
// share image. The browser side (no dialog, no frame) is in reader-security.spec.ts.

interface Fixture {
  locale: 'id' | 'en';
  path: string;
  feed: string;
  shareImage: string;
  title: string;
  summary: string;
}

function fixture(locale: 'id' | 'en', file: string, articleSegment: string): Fixture {
  const source = readFileSync(path.resolve(__dirname, 'fixtures/content', locale, file), 'utf8');
  const front = readFrontMatter(source).data as { slug: string; title: string; summary: string };
  return {
    locale,
    path: `/${locale}/${articleSegment}/${front.slug}`,
    feed: `/${locale}/feed.xml`,
    shareImage: `/${locale}/news/${front.slug}/opengraph-image`,
    title: front.title,
    summary: front.summary,
  };
}

const fixtures = [fixture('id', 'fixture-hostile-konten.md', 'berita'), fixture('en', 'fixture-hostile-content.md', 'news')];

/** Attributes that run script, and elements that embed or submit, none of which content may add. */
const EVENT_ATTRIBUTE = /^on/i;
/** The search page of the language a page's path starts with (lib/urls.ts searchPath). */
const searchPathOf = (pagePath: string) => (pagePath.startsWith('/en/') ? '/en/search' : '/id/cari');
const EMBEDS = 'iframe, frame, object, embed, form, base, meta[http-equiv="refresh" i]';
const CONTROLS = 'input, button, textarea, select';

/** The drawer's inline script as an ordinary page (home) carries it. */
async function drawerScript(request: APIRequestContext): Promise<string> {
  const scripts = parse(await (await request.get('/id')).text()).querySelectorAll('script:not([type])');
  expect(scripts, 'the home page has exactly one inline script').toHaveLength(1);
  return scripts[0]!.text;
}

for (const f of fixtures) {
  test.describe(`hostile article (${f.locale})`, () => {
    test('the fixture really is hostile', () => {
      expect(f.title).toContain('</script>');
      expect(f.title).toContain('"');
      expect(f.summary).toContain('<script>');
    });

    test('the page renders every piece of markup as text', async ({ request }) => {
      const response = await request.get(f.path);
      expect(response.status()).toBe(200);
      const html = await response.text();
      const root = parse(html);

      // Scripts: JSON-LD and the drawer's script, the same on every page (decision 020), nothing else.
      const scripts = root.querySelectorAll('script');
      expect(scripts.filter((script) => script.getAttribute('type') !== 'application/ld+json').map((script) => script.text)).toEqual([await drawerScript(request)]);
      for (const script of scripts) {
        expect(script.getAttribute('src'), 'no script file').toBeUndefined();
        expect(script.text, 'no script text can end its element').not.toMatch(/<\/?script/i);
      }
      for (const element of root.querySelectorAll('*')) {
        const handlers = Object.keys(element.attributes).filter((name) => EVENT_ATTRIBUTE.test(name));
        expect(handlers, `<${element.tagName.toLowerCase()}> carries no event handler`).toEqual([]);
        for (const attribute of ['href', 'src', 'action', 'formaction', 'srcset']) {
          const value = element.getAttribute(attribute);
          if (value !== undefined) expect(value.trim(), `${attribute} of <${element.tagName.toLowerCase()}>`).not.toMatch(/^(javascript|data|vbscript):/i);
        }
      }
      // The site's own search boxes (the header's and the drawer's) are its only forms.
      expect(root.querySelectorAll(EMBEDS).filter((e) => !e.classList.contains('search-form')).map((e) => e.tagName)).toEqual([]);
      expect(root.querySelectorAll('form').map((form) => `${form.getAttribute('method')} ${form.getAttribute('action')}`)).toEqual(Array(2).fill(`get ${searchPathOf(f.path)}`));

      const article = root.querySelector('article')!;
      expect(article.querySelectorAll(CONTROLS).map((e) => e.tagName), 'no form control in the article').toEqual([]);
      expect(article.querySelector('h1')!.text, 'the headline is the raw title, as text').toBe(f.title);
      expect(article.text, 'the body shows the markup it was given').toContain('<iframe src="https://evil.example/embed"');
      expect(article.text).toContain("<script>alert('");
      expect(article.querySelectorAll('img')).toHaveLength(0);
    });

    test('the meta tags hold the title and summary as text', async ({ request }) => {
      const root = parse(await (await request.get(f.path)).text());
      const meta = (selector: string) => root.querySelector(selector)?.getAttribute('content');
      expect(root.querySelector('title')!.text).toBe(`${f.title} | Kabar Kini`);
      expect(meta('meta[property="og:title"]')).toBe(f.title);
      expect(meta('meta[name="twitter:title"]')).toBe(f.title);
      expect(meta('meta[name="description"]')).toBe(f.summary);
      expect(meta('meta[property="og:description"]')).toBe(f.summary);
      // The head holds exactly the elements a page of ours holds: none was injected from the title.
      const head = root.querySelector('head')!;
      expect(head.querySelectorAll('b, img, a, i')).toHaveLength(0);
    });

    test('the JSON-LD parses and carries the raw title', async ({ request }) => {
      const root = parse(await (await request.get(f.path)).text());
      const blocks = root.querySelectorAll('script[type="application/ld+json"]').map((s) => JSON.parse(s.text) as Record<string, unknown>);
      const article = blocks.find((b) => b['@type'] === 'NewsArticle');
      expect(article, 'a NewsArticle block').toBeDefined();
      expect(article!['headline']).toBe(f.title);
      expect(article!['description']).toBe(f.summary);
      const breadcrumb = blocks.find((b) => b['@type'] === 'BreadcrumbList') as { itemListElement: { name: string }[] } | undefined;
      expect(breadcrumb!.itemListElement.at(-1)!.name).toBe(f.title);
    });

    test('the feed is well-formed XML, its item title the raw title, its description text', async ({ request }) => {
      const response = await request.get(f.feed);
      expect(response.status()).toBe(200);
      const xml = await response.text();
      expect(await wellFormednessErrors(xml, 'feed.xml'), 'the feed is well-formed XML').toEqual([]);
      const items = children(children(children(parseXml(xml), 'rss')[0], 'channel')[0], 'item');
      const item = items.find((i) => childText(i, 'link').endsWith(f.path));
      expect(item, 'the hostile story is in the feed').toBeDefined();
      expect(childText(item, 'title')).toBe(f.title);
      // The markup in the title and summary stayed text: the item has only RSS's own elements.
      const rssItemElements = ['title', 'link', 'description', 'author', 'dc:creator', 'category', 'comments', 'enclosure', 'guid', 'pubDate', 'source'];
      const elements = Object.keys(item!).filter((k) => !k.startsWith('@') && k !== '#text');
      expect(elements.filter((k) => !rssItemElements.includes(k))).toEqual([]);
      for (const markup of ['script', 'a', 'b', 'img', 'i']) expect(item![markup], `<${markup}> in the item`).toBeUndefined();
      // A feed reader reads the same title.
      const feed = await readFeed(xml);
      expect(feed.items.find((i) => i.link?.endsWith(f.path))?.title).toBe(f.title);
      // RSS <description> is HTML once the XML is decoded: feed readers render it, so it must be the
      // summary escaped as HTML, which they show as the text it is (not a javascript: link).
      const description = parse(childText(item, 'description'));
      expect(description.querySelectorAll('script, a, b, img')).toHaveLength(0);
      expect(description.text).toBe(f.summary);
    });

    test('the share image renders', async ({ request }) => {
      const response = await request.get(f.shareImage);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('image/png');
      const png = PNG.sync.read(await response.body());
      expect([png.width, png.height]).toEqual([1200, 630]);
    });
  });
}
