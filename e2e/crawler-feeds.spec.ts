import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { parse, type HTMLElement } from 'node-html-parser';
import { readFrontMatter } from '../lib/content/front-matter.mjs';
import { attribute, children, childText, parseXml, readFeed, sitemapIndexSchemaErrors, sitemapSchemaErrors, wellFormednessErrors } from './support/xml';

// What feed readers, search engines and other crawlers fetch: the RSS feeds, the sitemaps,
// robots.txt, and the lists on home, section and article pages, read as plain HTTP (no JavaScript).
// The expected stories come from the content folder the build read (E2E_CONTENT_DIR).

type Locale = 'id' | 'en';

interface Story {
  translationId: string;
  slug: string;
  locale: Locale;
  title: string;
  section: string;
  publishedAt: string;
  status: string;
}

function readStories(): Story[] {
  const root = path.resolve(process.env.E2E_CONTENT_DIR ?? 'content');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md' && !e.name.startsWith('.'))
    .map((e) => {
      const text = readFileSync(path.join(e.parentPath, e.name), 'utf8');
      return readFrontMatter(text).data as unknown as Story;
    });
}

const stories = readStories();
const published = stories.filter((s) => s.status === 'published');
const drafts = stories.filter((s) => s.status !== 'published');
const siteUrl = new URL(process.env.SITE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}`);

const articleSegment: Record<Locale, string> = { id: 'berita', en: 'news' };
const articleUrl = (s: Pick<Story, 'locale' | 'slug'>) => new URL(`/${s.locale}/${articleSegment[s.locale]}/${s.slug}`, siteUrl).toString();
const sectionSlug: Record<string, Record<Locale, string>> = {
  technology: { id: 'teknologi', en: 'technology' },
  world: { id: 'dunia', en: 'world' },
  business: { id: 'ekonomi', en: 'business' },
};

/** The document, once libxml2 has found it well-formed, as text and as a tree. */
async function fetchXml(request: APIRequestContext, url: string, type: RegExp) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type'], url).toMatch(type);
  const body = await response.text();
  expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), `${url} starts with an XML declaration`).toBe(true);
  expect(await wellFormednessErrors(body, url.replace(/\W+/g, '_')), `${url} is well-formed XML`).toEqual([]);
  return { body, root: parseXml(body) };
}

/** An RSS feed's items as the test compares them. */
function rssItems({ root }: { root: ReturnType<typeof parseXml> }) {
  const channel = children(children(root, 'rss')[0], 'channel')[0];
  return children(channel, 'item').map((item) => ({ link: childText(item, 'link'), title: childText(item, 'title'), pubDate: childText(item, 'pubDate') }));
}

async function fetchHtml(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return parse(await response.text());
}

const text = (el: HTMLElement | null | undefined) => el?.text.trim() ?? '';

function expectAbsolute(url: string) {
  const parsed = new URL(url); // throws on a relative URL
  expect(parsed.origin, url).toBe(siteUrl.origin);
}

function expectNewestFirst(dates: number[], what: string) {
  expect(dates.every((d) => Number.isFinite(d)), `${what}: every date parses`).toBe(true);
  expect(dates, `${what} newest first`).toEqual([...dates].sort((a, b) => b - a));
}

for (const locale of ['id', 'en'] as const) {
  test.describe(`RSS feed (${locale})`, () => {
    test('is RSS 2.0 with the language, absolute links and the latest own stories newest first', async ({ request }) => {
      const { body, root } = await fetchXml(request, `/${locale}/feed.xml`, /^application\/rss\+xml/);
      const rss = children(root, 'rss');
      expect(rss, 'one <rss> root').toHaveLength(1);
      expect(attribute(rss[0], 'version')).toBe('2.0');
      const channels = children(rss[0], 'channel');
      expect(channels).toHaveLength(1);
      const channel = channels[0]!;
      for (const required of ['title', 'link', 'description']) {
        expect(childText(channel, required), `channel <${required}>`).not.toBe('');
      }
      expect(childText(channel, 'language')).toBe(locale);
      expectAbsolute(childText(channel, 'link'));
      const self = children(channel, 'atom:link');
      expect(self).toHaveLength(1);
      expect(attribute(rss[0], 'xmlns:atom')).toBe('http://www.w3.org/2005/Atom');
      expect(attribute(self[0], 'rel')).toBe('self');
      expect(attribute(self[0], 'href')).toBe(new URL(`/${locale}/feed.xml`, siteUrl).toString());

      const items = children(channel, 'item');
      const own = published.filter((s) => s.locale === locale);
      expect(own.length, 'the fixtures have stories in this language').toBeGreaterThan(0);
      expect(items.length).toBe(Math.min(own.length, 50));
      const links = items.map((item) => childText(item, 'link'));
      for (const [i, item] of items.entries()) {
        expect(childText(item, 'title'), `item ${i} <title>`).not.toBe('');
        expect(childText(item, 'description'), `item ${i} <description>`).not.toBe('');
        expectAbsolute(links[i]!);
        const guid = children(item, 'guid');
        expect(childText(item, 'guid')).toBe(links[i]);
        expect(attribute(guid[0], 'isPermaLink')).toBe('true');
        expect(childText(item, 'pubDate'), 'RFC 822 date').toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      }
      expectNewestFirst(items.map((item) => Date.parse(childText(item, 'pubDate'))), 'feed items');
      expect(new Set(links).size, 'each story once').toBe(links.length);
      expect([...links].sort()).toEqual(own.map(articleUrl).sort());

      const titles = items.map((item) => childText(item, 'title'));
      for (const draft of drafts) expect(titles, `draft "${draft.title}" stays out of the feed`).not.toContain(draft.title);
      for (const draft of drafts) expect(body).not.toContain(draft.slug);

      // What a feed reader shows: the same stories, titles and dates, in the same order.
      const feed = await readFeed(body);
      expect(feed.title).toBe(childText(channel, 'title'));
      expect(feed.items.map((i) => i.link)).toEqual(links);
      const byUrl = new Map(own.map((s) => [articleUrl(s), s]));
      for (const item of feed.items) {
        const story = byUrl.get(item.link ?? '')!;
        expect(item.title, item.link).toBe(story.title);
        expect(Date.parse(item.isoDate ?? ''), `${item.link} date`).toBe(Math.floor(Date.parse(story.publishedAt) / 1000) * 1000);
        expect(item.contentSnippet ?? item.content ?? '', `${item.link} description`).not.toBe('');
      }
    });

    test('the Atom feed has the same stories, in the language, with its own URL, and a CDN may cache it', async ({ request }) => {
      const rss = rssItems(await fetchXml(request, `/${locale}/feed.xml`, /^application\/rss\+xml/));
      const response = await request.get(`/${locale}/atom.xml`);
      const cacheControl = response.headers()['cache-control'] ?? '';
      expect(cacheControl, 'shared-cacheable').not.toMatch(/private|no-store/);
      expect(cacheControl, 'revalidates in the background').toMatch(/s-maxage=[1-9].*stale-while-revalidate=[1-9]|stale-while-revalidate=[1-9].*s-maxage=[1-9]/);
      expect(response.headers()['set-cookie']).toBeUndefined();
      const { root } = await fetchXml(request, `/${locale}/atom.xml`, /^application\/atom\+xml/);
      const feed = children(root, 'feed');
      expect(feed, 'one <feed> root').toHaveLength(1);
      expect(attribute(feed[0], 'xmlns')).toBe('http://www.w3.org/2005/Atom');
      expect(attribute(feed[0], 'xml:lang')).toBe(locale);
      const links = children(feed[0], 'link');
      expect(links.filter((l) => attribute(l, 'rel') === 'self').map((l) => attribute(l, 'href'))).toEqual([new URL(`/${locale}/atom.xml`, siteUrl).toString()]);
      const entries = children(feed[0], 'entry');
      expect(entries.map((e) => attribute(children(e, 'link')[0], 'href')), 'the RSS stories, in the same order').toEqual(rss.map((i) => i.link));
      for (const [i, entry] of entries.entries()) {
        expect(childText(entry, 'id')).toBe(rss[i]!.link);
        expect(Date.parse(childText(entry, 'published')), `${rss[i]!.link} published`).toBe(Date.parse(rss[i]!.pubDate));
        expect(childText(entry, 'updated'), 'an ISO 8601 date').toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/);
        // type="html": a reader decodes the HTML, and sees the story's title as it is written.
        expect(attribute(children(entry, 'title')[0], 'type')).toBe('html');
        expect(parse(childText(entry, 'title')).text).toBe(rss[i]!.title);
      }
      for (const unknown of ['/xx/atom.xml', '/xx/feed.xml']) expect((await request.get(unknown)).status(), `${unknown}: no feed for a language the site lacks`).toBe(404);
    });

    test('the home page advertises it, and its Atom twin', async ({ request }) => {
      const html = await fetchHtml(request, `/${locale}`);
      const feeds = html.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]');
      expect(feeds.length).toBeGreaterThanOrEqual(1);
      expect(feeds.map((l) => l.getAttribute('href'))).toContain(new URL(`/${locale}/feed.xml`, siteUrl).toString());
      expect(feeds.every((l) => (l.getAttribute('title') ?? '') !== ''), 'the feed link has a title').toBe(true);
      const atom = html.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]');
      expect(atom.map((l) => l.getAttribute('href'))).toEqual([new URL(`/${locale}/atom.xml`, siteUrl).toString()]);
    });
  });
}

test.describe('sitemaps and robots', () => {
  test('sitemap.xml is a sitemap index; its children list every published article once, with hreflang alternates of the versions that exist', async ({ request }) => {
    const { body, root } = await fetchXml(request, '/sitemap.xml', /xml/);
    expect(await sitemapIndexSchemaErrors(body, 'sitemap.xml'), 'valid against the sitemaps.org index schema').toEqual([]);
    const index = children(root, 'sitemapindex')[0];
    expect(attribute(index, 'xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const listed = children(index, 'sitemap').map((s) => ({ loc: childText(s, 'loc'), lastmod: childText(s, 'lastmod') }));
    for (const { loc, lastmod } of listed) {
      expectAbsolute(loc);
      expect(new URL(loc).pathname, 'a child under /sitemaps/').toMatch(/^\/sitemaps\/(pages|\d{4}-\d{2}(-\d+)?)\.xml$/);
      expect(Number.isNaN(Date.parse(lastmod)), `${loc} has a lastmod`).toBe(false);
    }
    expect(listed[0]!.loc).toBe(new URL('/sitemaps/pages.xml', siteUrl).toString());
    const months = [...new Set(published.map((s) => new Date(Date.parse(s.publishedAt)).toISOString().slice(0, 7)))].sort();
    expect(listed.slice(1).map((c) => new URL(c.loc).pathname), 'one child per month with stories (UTC), oldest first').toEqual(months.map((m) => `/sitemaps/${m}.xml`));

    const entries: { loc: string; alternates: Record<string, string>; child: string }[] = [];
    for (const { loc, lastmod } of listed) {
      const path = new URL(loc).pathname;
      const child = await fetchXml(request, path, /xml/);
      expect(await sitemapSchemaErrors(child.body, path.slice(1)), `${path} is valid against the sitemaps.org schema`).toEqual([]);
      const urlset = children(child.root, 'urlset')[0];
      expect(attribute(urlset, 'xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
      expect(attribute(urlset, 'xmlns:xhtml')).toBe('http://www.w3.org/1999/xhtml');
      const urls = children(urlset, 'url');
      expect(Date.parse(lastmod), `${path}: the index's lastmod is its newest`).toBe(Math.max(...urls.map((u) => Date.parse(childText(u, 'lastmod')))));
      for (const u of urls) {
        entries.push({
          loc: childText(u, 'loc'),
          child: path,
          alternates: Object.fromEntries(
            children(u, 'xhtml:link').map((l) => {
              expect(attribute(l, 'rel')).toBe('alternate');
              return [attribute(l, 'hreflang'), attribute(l, 'href')];
            }),
          ) as Record<string, string>,
        });
      }
    }
    expect(published.length, 'the fixtures have published stories').toBeGreaterThan(0);
    const locs = entries.map((e) => e.loc);
    expect(new Set(locs).size, 'no URL twice').toBe(locs.length);
    for (const loc of locs) expectAbsolute(loc);

    for (const story of published) {
      const url = articleUrl(story);
      const matches = entries.filter((e) => e.loc === url);
      expect(matches, `${url} listed once`).toHaveLength(1);
      expect(matches[0]!.child, `${url} in its month's child`).toBe(`/sitemaps/${new Date(Date.parse(story.publishedAt)).toISOString().slice(0, 7)}.xml`);
      const versions = published.filter((s) => s.translationId === story.translationId);
      const expected: Record<string, string> = Object.fromEntries(versions.map((v) => [v.locale, articleUrl(v)]));
      const preferred = versions.find((v) => v.locale === 'id') ?? versions[0]!;
      expected['x-default'] = articleUrl(preferred);
      expect(matches[0]!.alternates, `${url} alternates`).toEqual(expected);
    }
    for (const draft of drafts) expect(locs, 'drafts stay out').not.toContain(articleUrl(draft));
    const articleLocs = locs.filter((l) => /\/(berita|news)\//.test(l));
    expect(articleLocs.sort()).toEqual(published.map(articleUrl).sort());
    const pages = entries.filter((e) => e.child === '/sitemaps/pages.xml').map((e) => e.loc);
    for (const home of ['/id', '/en']) expect(pages).toContain(new URL(home, siteUrl).toString());
  });

  test('robots.txt allows crawling and points at the sitemaps with absolute URLs', async ({ request }) => {
    const response = await request.get('/robots.txt');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/plain/);
    const lines = (await response.text()).split(/\r?\n/);
    const sitemaps = lines.filter((l) => /^sitemap:/i.test(l)).map((l) => l.replace(/^sitemap:\s*/i, '').trim());
    expect(sitemaps).toContain(new URL('/sitemap.xml', siteUrl).toString());
    for (const s of sitemaps) expectAbsolute(s);
    expect(lines).toContain('User-Agent: *');
    expect(lines).not.toContain('Disallow: /');
  });

  test('sitemap-news.xml is a Google News sitemap of published stories only', async ({ request }) => {
    const { body, root } = await fetchXml(request, '/sitemap-news.xml', /xml/);
    expect(await sitemapSchemaErrors(body, 'sitemap-news.xml'), 'valid against the sitemap and Google News schemas').toEqual([]);
    const urlset = children(root, 'urlset')[0];
    expect(attribute(urlset, 'xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(attribute(urlset, 'xmlns:news')).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    // Google News lists the last two days only. scripts/e2e.mjs publishes a story (in both
    // languages) an hour before the build, so this list is never empty; the seed stories are older.
    const twoDays = 2 * 24 * 3600 * 1000;
    const recent = published.filter((s) => Date.now() - Date.parse(s.publishedAt) <= twoDays);
    expect(recent.length, 'a story from the last two days in the fixtures').toBeGreaterThan(0);
    const entries = children(urlset, 'url');
    const locs = entries.map((u) => childText(u, 'loc'));
    expect(locs.sort()).toEqual(recent.map(articleUrl).sort());
    for (const url of entries) {
      const loc = childText(url, 'loc');
      const story = recent.find((s) => articleUrl(s) === loc)!;
      const news = children(url, 'news:news')[0];
      const publication = children(news, 'news:publication')[0];
      expect(childText(publication, 'news:name')).toBe('Kabar Kini');
      expect(childText(publication, 'news:language')).toBe(story.locale);
      expect(childText(news, 'news:title')).toBe(story.title);
      expect(Date.parse(childText(news, 'news:publication_date')), loc).toBe(Date.parse(story.publishedAt));
    }
    for (const draft of drafts) expect(body).not.toContain(draft.slug);
  });
});

test.describe('lists', () => {
  const storyItems = (html: HTMLElement, selector: string) =>
    html.querySelectorAll(`${selector} .story-item`).map((item) => ({
      href: item.querySelector('.story-title a')?.getAttribute('href') ?? '',
      section: item.querySelector('.story-section')?.getAttribute('href') ?? '',
      time: item.querySelector('time')?.getAttribute('datetime') ?? '',
      timeText: text(item.querySelector('time')),
    }));
  const slugOf = (href: string) => href.split('/').pop() ?? '';

  for (const [locale, article, own] of [
    ['id', 'tiongkok-luncurkan-rencana-kerja-sama-ai-global', 'china-global-ai-plan'],
    ['en', 'china-launches-global-ai-cooperation-plan-to-rival-us-initiative', 'china-global-ai-plan'],
  ] as const) {
    test(`latest news under an article: at most 5, newest first, not the story itself (${locale})`, async ({ request }) => {
      const html = await fetchHtml(request, `/${locale}/${articleSegment[locale]}/${article}`);
      const list = storyItems(html, '.latest-news');
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(5);
      expectNewestFirst(list.map((s) => Date.parse(s.time)), 'latest news');
      const slugs = list.map((s) => slugOf(s.href));
      const ownSlugs = stories.filter((s) => s.translationId === own).map((s) => s.slug);
      for (const slug of ownSlugs) expect(slugs, 'the current story is left out').not.toContain(slug);
      for (const draft of drafts) expect(slugs).not.toContain(draft.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
    });

    test(`home lists stories newest first, each with its section and date (${locale})`, async ({ request }) => {
      const html = await fetchHtml(request, `/${locale}`);
      const lead = html.querySelector('.lead-story');
      expect(lead, 'a lead story').not.toBeNull();
      const leadTime = lead!.querySelector('time')?.getAttribute('datetime') ?? '';
      expect(lead!.querySelector('.lead-summary')?.text.trim()).not.toBe('');
      expect(lead!.querySelector('.kicker a')?.getAttribute('href')).toMatch(new RegExp(`^/${locale}/(rubrik|section)/`));
      const list = storyItems(html, '#latest');
      expect(list.length).toBeGreaterThan(0);
      for (const s of list) {
        expect(s.section, `${s.href} shows its section`).toMatch(new RegExp(`^/${locale}/(rubrik|section)/`));
        expect(s.timeText, `${s.href} shows its date`).toMatch(/\b20\d{2}\b/);
        expect(s.timeText, `${s.href} shows its time`).toMatch(/\b\d{1,2}[.:]\d{2}\b/);
      }
      expectNewestFirst(list.map((s) => Date.parse(s.time)), 'home list');
      // The lead is the newest story written in the reader's language (see components/HomeView.tsx).
      const newestOwn = published
        .filter((s) => s.locale === locale)
        .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug))[0]!;
      const leadHref = lead!.querySelector('.lead-title a')?.getAttribute('href') ?? '';
      expect(slugOf(leadHref)).toBe(newestOwn.slug);
      expect(Date.parse(leadTime)).toBe(Date.parse(newestOwn.publishedAt));
      const slugs = [leadHref, ...list.map((s) => s.href)].map(slugOf);
      for (const draft of drafts) expect(slugs, 'no drafts on the home page').not.toContain(draft.slug);
      // Every story is listed once, in this language where it exists, else in the other one.
      const translationIds = new Set(published.map((s) => s.translationId));
      expect(slugs.length).toBe(Math.min(translationIds.size, 20));
      expect(new Set(slugs).size).toBe(slugs.length);
    });

    test(`section pages list only their own section, newest first, 20 a page (${locale})`, async ({ request }) => {
      let paginated = 0;
      for (const [section, slugs] of Object.entries(sectionSlug)) {
        const first = `/${locale}/${locale === 'id' ? 'rubrik' : 'section'}/${slugs[locale]}`;
        const list: ReturnType<typeof storyItems> = [];
        // Follow the pagination's "next" links to the last page.
        const pages: string[] = [];
        for (let url: string | undefined = first; url; ) {
          pages.push(url);
          const html = await fetchHtml(request, url);
          const items = storyItems(html, 'main');
          expect(items.length, `${url}: 1 to 20 stories`).toBeGreaterThan(0);
          expect(items.length, `${url}: 1 to 20 stories`).toBeLessThanOrEqual(20);
          list.push(...items);
          const next = html.querySelector('.pagination a[rel="next"]')?.getAttribute('href');
          if (next) expect(items.length, `${url} is full before a next page`).toBe(20);
          url = next ?? undefined;
          expect(pages.length).toBeLessThan(10);
        }
        const expected = new Set(
          published
            .filter((s) => s.section === section)
            .filter((s) => s.locale === locale || !published.some((o) => o.translationId === s.translationId && o.locale === locale))
            .map((s) => s.slug),
        );
        expect(pages, `${section}: as many pages as 20 a page needs`).toHaveLength(Math.ceil(expected.size / 20));
        if (pages.length > 1) {
          paginated++;
          expect(pages[1]).toBe(`${first}/2`);
        }
        expect(list.map((s) => slugOf(s.href)).sort(), `${section} stories`).toEqual([...expected].sort());
        expectNewestFirst(list.map((s) => Date.parse(s.time)), section);
      }
      expect(paginated, 'the fixtures fill more than one page of a section').toBeGreaterThan(0);
    });

  }

  test('unknown sections and page numbers are 404', async ({ request }) => {
    for (const url of [
      '/id/rubrik/olahraga',
      '/en/section/sports',
      '/en/section/teknologi',
      '/id/halaman/99',
      '/en/page/99',
      '/id/halaman/0',
      '/id/halaman/abc',
      '/id/rubrik/teknologi/0',
      '/id/rubrik/teknologi/99',
      '/en/section/technology/02',
    ]) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(404);
    }
  });
});
