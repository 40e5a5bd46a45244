import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { parse, valid, type HTMLElement } from 'node-html-parser';
import { parse as parseYaml } from 'yaml';

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
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
      if (!match) throw new Error(`no front matter in ${e.name}`);
      return parseYaml(match[1]!) as Story;
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

const xmlOptions = { lowerCaseTagName: false, voidTag: { tags: [] as string[] } };

async function fetchXml(request: APIRequestContext, url: string, type: RegExp) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type'], url).toMatch(type);
  const body = await response.text();
  expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), `${url} starts with an XML declaration`).toBe(true);
  expect(valid(body, xmlOptions), `${url} is well-formed`).toBe(true);
  return { body, root: parse(body, xmlOptions) };
}

async function fetchHtml(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return parse(await response.text());
}

const text = (el: HTMLElement | null | undefined) => el?.text.trim() ?? '';

/** A child element by its exact, case-sensitive XML name (the selector engine folds case: pubDate). */
const child = (el: HTMLElement, name: string) =>
  el.childNodes.find((n): n is HTMLElement => 'rawTagName' in n && (n as HTMLElement).rawTagName === name);

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
      const { root } = await fetchXml(request, `/${locale}/feed.xml`, /^application\/rss\+xml/);
      const rss = root.querySelector('rss')!;
      expect(rss, 'an <rss> root').not.toBeNull();
      expect(rss.getAttribute('version')).toBe('2.0');
      const channels = rss.querySelectorAll('channel');
      expect(channels).toHaveLength(1);
      const channel = channels[0]!;
      for (const required of ['title', 'link', 'description']) {
        expect(text(channel.querySelector(`:scope > ${required}`)), `channel <${required}>`).not.toBe('');
      }
      expect(text(channel.querySelector(':scope > language'))).toBe(locale);
      expectAbsolute(text(channel.querySelector(':scope > link')));
      const self = channel.querySelector('atom\\:link');
      expect(self?.getAttribute('rel')).toBe('self');
      expect(self?.getAttribute('href')).toBe(new URL(`/${locale}/feed.xml`, siteUrl).toString());

      const items = channel.querySelectorAll('item');
      const own = published.filter((s) => s.locale === locale);
      expect(items.length).toBe(Math.min(own.length, 50));
      const links = items.map((item) => text(item.querySelector('link')));
      for (const [i, item] of items.entries()) {
        expect(text(item.querySelector('title')), `item ${i} <title>`).not.toBe('');
        expect(text(item.querySelector('description')), `item ${i} <description>`).not.toBe('');
        expectAbsolute(links[i]!);
        const guid = item.querySelector('guid');
        expect(text(guid)).toBe(links[i]);
        expect(guid?.getAttribute('isPermaLink')).toBe('true');
        expect(text(child(item, 'pubDate')), 'RFC 822 date').toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      }
      expectNewestFirst(items.map((item) => Date.parse(text(child(item, 'pubDate')))), 'feed items');
      expect(new Set(links).size, 'each story once').toBe(links.length);
      expect(links.sort()).toEqual(own.map(articleUrl).sort());

      const titles = items.map((item) => text(item.querySelector('title')));
      for (const draft of drafts) expect(titles, `draft "${draft.title}" stays out of the feed`).not.toContain(draft.title);
      const feedText = root.toString();
      for (const draft of drafts) expect(feedText).not.toContain(draft.slug);
    });

    test('the home page advertises it', async ({ request }) => {
      const html = await fetchHtml(request, `/${locale}`);
      const feeds = html.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]');
      expect(feeds.length).toBeGreaterThanOrEqual(1);
      expect(feeds.map((l) => l.getAttribute('href'))).toContain(new URL(`/${locale}/feed.xml`, siteUrl).toString());
      expect(feeds.every((l) => (l.getAttribute('title') ?? '') !== ''), 'the feed link has a title').toBe(true);
    });
  });
}

test.describe('sitemaps and robots', () => {
  test('sitemap.xml lists every published article once, with hreflang alternates of the versions that exist', async ({ request }) => {
    const { root } = await fetchXml(request, '/sitemap.xml', /xml/);
    const urlset = root.querySelector('urlset')!;
    expect(urlset.getAttribute('xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset.getAttribute('xmlns:xhtml')).toBe('http://www.w3.org/1999/xhtml');
    const entries = urlset.querySelectorAll('url').map((u) => ({
      loc: text(u.querySelector('loc')),
      alternates: Object.fromEntries(
        u.querySelectorAll('xhtml\\:link').map((l) => {
          expect(l.getAttribute('rel')).toBe('alternate');
          return [l.getAttribute('hreflang'), l.getAttribute('href')];
        }),
      ) as Record<string, string>,
    }));
    const locs = entries.map((e) => e.loc);
    expect(new Set(locs).size, 'no URL twice').toBe(locs.length);
    for (const loc of locs) expectAbsolute(loc);

    for (const story of published) {
      const url = articleUrl(story);
      const matches = entries.filter((e) => e.loc === url);
      expect(matches, `${url} listed once`).toHaveLength(1);
      const versions = published.filter((s) => s.translationId === story.translationId);
      const expected: Record<string, string> = Object.fromEntries(versions.map((v) => [v.locale, articleUrl(v)]));
      const preferred = versions.find((v) => v.locale === 'id') ?? versions[0]!;
      expected['x-default'] = articleUrl(preferred);
      expect(matches[0]!.alternates, `${url} alternates`).toEqual(expected);
    }
    for (const draft of drafts) expect(locs, 'drafts stay out').not.toContain(articleUrl(draft));
    const articleLocs = locs.filter((l) => /\/(berita|news)\//.test(l));
    expect(articleLocs.sort()).toEqual(published.map(articleUrl).sort());
    for (const home of ['/id', '/en']) expect(locs).toContain(new URL(home, siteUrl).toString());
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
    const { root } = await fetchXml(request, '/sitemap-news.xml', /xml/);
    const urlset = root.querySelector('urlset')!;
    expect(urlset.getAttribute('xmlns:news')).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const publishedUrls = new Set(published.map(articleUrl));
    // The seed stories are older than two days, so the list may be empty; whatever it holds is published.
    for (const url of urlset.querySelectorAll('url')) {
      const loc = text(url.querySelector('loc'));
      expect(publishedUrls.has(loc), loc).toBe(true);
      expect(text(url.querySelector('news\\:name'))).toBe('Kabar Kini');
      expect(text(url.querySelector('news\\:title'))).not.toBe('');
      const age = Date.now() - Date.parse(text(url.querySelector('news\\:publication_date')));
      expect(age).toBeLessThanOrEqual(2 * 24 * 3600 * 1000 + 600_000);
    }
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

    test(`section pages list only their own section, newest first (${locale})`, async ({ request }) => {
      for (const [section, slugs] of Object.entries(sectionSlug)) {
        const html = await fetchHtml(request, `/${locale}/${locale === 'id' ? 'rubrik' : 'section'}/${slugs[locale]}`);
        const list = storyItems(html, 'main');
        const expected = new Set(
          published
            .filter((s) => s.section === section)
            .filter((s) => s.locale === locale || !published.some((o) => o.translationId === s.translationId && o.locale === locale))
            .map((s) => s.slug),
        );
        expect(list.map((s) => slugOf(s.href)).sort(), `${section} stories`).toEqual([...expected].sort());
        expectNewestFirst(list.map((s) => Date.parse(s.time)), section);
      }
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
