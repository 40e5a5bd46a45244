import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { notificationBody } from '../lib/publish/notify';
import { signNotification } from '../lib/publish/webhook';
import { startServer, type TestServer } from './support/server';
import { readSitemaps, sitemapUrls, type SitemapTree } from './support/sitemaps';
import { attribute, children, childText, parseXml, sitemapIndexSchemaErrors, sitemapSchemaErrors } from './support/xml';

// A search engine reading the sitemaps of a newsroom's archive (issue 26): more than 50,000 story
// URLs, generated for this test into a content folder of its own and served by a production server
// of its own (`next start` on the e2e build). The crawler fetches /sitemap.xml, a sitemap index,
// then every child it names, and holds each to the protocol: valid against the sitemaps.org
// schemas, at most 50,000 URLs and 50 MB, every story once, each child's lastmod right.

const PORT = Number(process.env.E2E_PORT ?? '3100') + 1;
/** Where the server sends its purges (PURGE_URL): a listener of this spec's own that records them. */
const PURGE_PORT = PORT + 1;
const REVALIDATE_SECRET = 'e2e-revalidate-secret-archive-sitemaps-0123456789';
const SITE_URL = process.env.SITE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}`;
const MAX_URLS = 50_000;
const MAX_BYTES = 50 * 1024 * 1024;
const articleSegment: Record<string, string> = { id: 'berita', en: 'news' };

interface Generated {
  translationId: string;
  slug: string;
  locale: 'id' | 'en';
  publishedAt: string;
  updatedAt: string;
}

const stories: Generated[] = [];
const wib = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
const urlOf = (s: Pick<Generated, 'locale' | 'slug'>) => new URL(`/${s.locale}/${articleSegment[s.locale]}/${s.slug}`, SITE_URL).toString();
const monthOf = (iso: string) => new Date(Date.parse(iso)).toISOString().slice(0, 7);

/**
 * The archive, both languages of every story (dates written in Jakarta time, +07:00):
 * - January 2024: 25,100 stories, 50,200 URLs, one month that must be split in two;
 * - February 2024: 400 stories, the last 100 on 1 March between 00:00 and 06:59 in Jakarta, which is
 *   still February in UTC (the months are UTC's); nothing at all in March 2024;
 * - April 2024: 500 stories whose English versions came out in May (alternates across months); a
 *   few January stories corrected in June (January's lastmod is then June's);
 * - the last 40 hours: 600 stories, 1,200 URLs, more than the news sitemap may list.
 */
function generateArchive(dir: string): void {
  const add = (i: number, published: number, { enPublished = published, updated = published } = {}) => {
    const id = `arsip-${i}`;
    stories.push({ translationId: id, slug: `berita-arsip-${i}`, locale: 'id', publishedAt: wib(published), updatedAt: wib(updated) });
    stories.push({ translationId: id, slug: `archive-story-${i}`, locale: 'en', publishedAt: wib(enPublished), updatedAt: wib(Math.max(updated, enPublished)) });
  };
  let i = 0;
  const january = Date.parse('2024-01-01T00:00:00Z');
  for (let n = 0; n < 25_100; n++, i++) {
    const published = january + n * 100_000; // 100 s apart: 25,100 of them fit in 29 days
    add(i, published, n % 5_000 === 7 ? { updated: Date.parse('2024-06-15T08:00:00Z') + n } : {});
  }
  const february = Date.parse('2024-02-01T00:00:00Z');
  for (let n = 0; n < 300; n++, i++) add(i, february + n * 3_600_000);
  const firstOfMarchInJakarta = Date.parse('2024-02-29T17:00:00Z'); // 1 March 00:00 WIB
  for (let n = 0; n < 100; n++, i++) add(i, firstOfMarchInJakarta + n * 150_000); // until 04:07 WIB
  const april = Date.parse('2024-04-03T00:00:00Z');
  for (let n = 0; n < 500; n++, i++) add(i, april + n * 3_600_000, { enPublished: Date.parse('2024-05-02T00:00:00Z') + n * 60_000 });
  const now = Date.now();
  for (let n = 0; n < 600; n++, i++) add(i, now - 3_600_000 - n * 240_000); // one every 4 minutes, 40 hours back
  for (const locale of ['id', 'en']) mkdirSync(path.join(dir, locale), { recursive: true });
  for (const s of stories) writeStory(dir, s);
}

function writeStory(dir: string, s: Generated, { title = `${s.locale === 'id' ? 'Berita arsip' : 'Archive story'} ${s.slug}`, status = 'published' } = {}): void {
  const file = [
    '---',
    `translationId: ${s.translationId}`,
    `slug: ${s.slug}`,
    `locale: ${s.locale}`,
    `title: "${title}"`,
    'summary: "Arsip."',
    'section: world',
    `publishedAt: "${s.publishedAt}"`,
    `updatedAt: "${s.updatedAt}"`,
    'source:',
    '  name: Cnbc',
    `status: ${status}`,
    '---',
    'Isi.',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, s.locale, `${s.slug}.md`), file);
}

/** A GET of a path exactly as written (no client resolving "..", as a hostile crawler sends it). */
function rawGet(origin: string, rawPath: string): Promise<{ status: number; location?: string; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let server: TestServer;
let purges: { keys: string[]; at: number }[] = [];
let purgeListener: http.Server | undefined;
let tree: SitemapTree;
let startMs: number;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(path.join(tmpdir(), 'kabar-archive-sitemaps-'));
  const generating = Date.now();
  generateArchive(path.join(dir, 'content'));
  const generateMs = Date.now() - generating;
  purgeListener = http.createServer((req, res) => {
    if (req.method === 'PURGE') purges.push({ keys: String(req.headers['xkey-purge'] ?? '').split(/\s+/).filter(Boolean), at: Date.now() });
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => purgeListener!.listen(PURGE_PORT, '127.0.0.1', resolve));
  const starting = Date.now();
  server = await startServer({
    port: PORT,
    env: { CONTENT_DIR: path.join(dir, 'content'), REVALIDATE_SECRET, PURGE_URL: `http://127.0.0.1:${PURGE_PORT}`, PURGE_REPEAT_MS: '0' },
    timeoutMs: 240_000,
  });
  // Ready: the whole archive read and indexed (robots.txt answers before that).
  await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 120_000, intervals: [250] }).toBe(200);
  startMs = Date.now() - starting;
  const perLanguage = stories.length / 2;
  console.log(`archive sitemaps: ${stories.length} story files (${perLanguage} per language) written in ${(generateMs / 1000).toFixed(1)} s; next start to /readyz 200 in ${(startMs / 1000).toFixed(1)} s`);
});

test.afterEach(async ({}, testInfo) => {
  // A failure beside what the server said (a crash, an error it logged).
  if (testInfo.status !== testInfo.expectedStatus && server) await testInfo.attach('server output', { body: server.output().slice(-20_000), contentType: 'text/plain' });
});

test.afterAll(async () => {
  const stopping = Date.now();
  await server?.stop();
  purgeListener?.close();
  const stopMs = Date.now() - stopping;
  console.log(`archive sitemaps: server stopped in ${(stopMs / 1000).toFixed(1)} s`);
  // 53,200 files take 5 to 20 s to remove on a busy machine: removed behind the run, not waited for.
  if (dir) spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).unref();
});

test('the index names every child, valid against siteindex.xsd; every child answers, valid against sitemap.xsd, with at most 50,000 URLs and 50 MB', async () => {
  test.setTimeout(240_000);
  const fetching = Date.now();
  tree = await readSitemaps(server.url);
  const fetchMs = Date.now() - fetching;
  expect(await sitemapIndexSchemaErrors(tree.body), 'the index is valid against siteindex.xsd').toEqual([]);
  const index = children(parseXml(tree.body), 'sitemapindex')[0];
  expect(attribute(index, 'xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');

  const paths = tree.children.map((c) => new URL(c.loc).pathname);
  const thisMonth = new Date().toISOString().slice(0, 7);
  const recentMonths = [...new Set(stories.filter((s) => Date.parse(s.publishedAt) > Date.now() - 3 * 86_400_000).map((s) => monthOf(s.publishedAt)))].sort();
  expect(paths).toEqual([
    '/sitemaps/pages.xml',
    '/sitemaps/2024-01.xml',
    '/sitemaps/2024-01-2.xml',
    '/sitemaps/2024-02.xml',
    '/sitemaps/2024-04.xml',
    '/sitemaps/2024-05.xml',
    ...recentMonths.map((m) => `/sitemaps/${m}.xml`),
  ]);
  for (const child of tree.children) expect(child.loc, 'absolute, on the site').toMatch(new RegExp(`^${SITE_URL.replace(/[.]/g, '\\.')}/sitemaps/`));

  let largest = { path: '', bytes: 0, urls: 0 };
  for (const child of tree.children) {
    const name = new URL(child.loc).pathname;
    expect(child.status, name).toBe(200);
    expect(child.headers.get('content-type'), name).toMatch(/^application\/xml/);
    const bytes = Buffer.byteLength(child.body);
    expect(child.urls.length, `${name}: at most 50,000 URLs`).toBeLessThanOrEqual(MAX_URLS);
    expect(child.urls.length, `${name}: not empty`).toBeGreaterThan(0);
    expect(bytes, `${name}: under 50 MB`).toBeLessThan(MAX_BYTES);
    expect(await sitemapSchemaErrors(child.body, name.slice(1)), `${name} is valid against sitemap.xsd (with xhtml:link)`).toEqual([]);
    if (bytes > largest.bytes) largest = { path: name, bytes, urls: child.urls.length };
  }
  expect(tree.children.find((c) => c.loc.endsWith('/sitemaps/2024-01.xml'))!.urls, 'the split month fills its first part').toHaveLength(MAX_URLS);
  expect(tree.children.find((c) => c.loc.endsWith('/sitemaps/2024-01-2.xml'))!.urls).toHaveLength(200);
  console.log(
    `archive sitemaps: index ${Buffer.byteLength(tree.body)} bytes, ${tree.children.length} children; largest child ${largest.path}: ${largest.urls} URLs, ${(largest.bytes / 1048576).toFixed(1)} MiB; index and every child fetched in ${(fetchMs / 1000).toFixed(1)} s (first requests)`,
  );
  expect(thisMonth <= recentMonths[recentMonths.length - 1]!).toBe(true);
});

test('every story URL is listed exactly once across the children, in the child of its UTC month, with its alternates', async () => {
  expect(tree, 'the first test read the sitemaps').toBeDefined();
  const where = new Map<string, string[]>();
  for (const child of tree.children) for (const url of child.urls) where.set(url.loc, [...(where.get(url.loc) ?? []), new URL(child.loc).pathname]);
  const storyLocs = [...where.keys()].filter((loc) => /\/(berita|news)\//.test(loc));
  expect(stories.length, 'more than 50,000 story URLs').toBeGreaterThan(MAX_URLS);
  expect(storyLocs.length).toBe(stories.length);
  const byTranslation = new Map<string, Generated[]>();
  for (const s of stories) byTranslation.set(s.translationId, [...(byTranslation.get(s.translationId) ?? []), s]);
  const urls = new Map(tree.children.flatMap((c) => c.urls.map((u) => [u.loc, u] as const)));
  // Gathered, then compared once: a Playwright expect per URL is a traced step, 53,000 of them slow.
  const notOnce: string[] = [];
  const wrongMonth: string[] = [];
  for (const s of stories) {
    const loc = urlOf(s);
    const listed = where.get(loc) ?? [];
    if (listed.length !== 1) notOnce.push(`${loc} in ${listed.length} children`);
    else if (!new RegExp(`^/sitemaps/${monthOf(s.publishedAt)}(-\\d+)?\\.xml$`).test(listed[0]!)) wrongMonth.push(`${loc} (${s.publishedAt}) in ${listed[0]}`);
  }
  expect(notOnce.slice(0, 10), 'every story URL in exactly one child').toEqual([]);
  expect(wrongMonth.slice(0, 10), "every story URL in its UTC month's child").toEqual([]);
  const wrongAlternates: string[] = [];
  for (const s of stories) {
    const versions = byTranslation.get(s.translationId)!;
    const id = versions.find((v) => v.locale === 'id')!;
    const en = versions.find((v) => v.locale === 'en')!;
    const expected = JSON.stringify({ id: urlOf(id), en: urlOf(en), 'x-default': urlOf(id) });
    const listed = urls.get(urlOf(s));
    if (listed && JSON.stringify(listed.alternates) !== expected) wrongAlternates.push(`${urlOf(s)}: ${JSON.stringify(listed.alternates)}`);
  }
  expect(wrongAlternates.slice(0, 10), 'every story lists both versions and x-default as alternates').toEqual([]);
  // 1 March before 07:00 in Jakarta is February in UTC: in February's child; March has none.
  const jakartaMarch = stories.filter((s) => s.publishedAt.startsWith('2024-03-01'));
  expect(jakartaMarch.length).toBe(200);
  expect(new Set(jakartaMarch.map((s) => where.get(urlOf(s))?.join(' ')))).toEqual(new Set(['/sitemaps/2024-02.xml']));
  // The listing pages: home and every section in both languages, in their own child.
  const pages = tree.children[0]!.urls.map((u) => new URL(u.loc).pathname);
  expect(pages).toEqual(expect.arrayContaining(['/id', '/en', '/id/rubrik/dunia', '/en/section/world']));
});

test("the index's lastmod of each child is the newest update in it", async () => {
  expect(tree, 'the first test read the sitemaps').toBeDefined();
  // An entry may have no lastmod (a section page listing no story yet): the newest of those that do.
  const newest = (isos: (string | undefined)[]) => new Date(Math.max(...isos.filter((d): d is string => !!d).map((d) => Date.parse(d)))).toISOString();
  const wrong = tree.children
    .map((child) => ({ name: new URL(child.loc).pathname, index: child.lastmod, newest: newest(child.urls.map((u) => u.lastmod)) }))
    .filter(({ index, newest: own }) => index === '' || Date.parse(index) !== Date.parse(own));
  expect(wrong, "each child's lastmod in the index is the newest lastmod of its entries").toEqual([]);
  // From the generated archive: January's correction in June, each month's newest story, the
  // listing pages' lastmod the newest update of all.
  const lastmodOf = (file: string) => Date.parse(tree.children.find((c) => c.loc.endsWith(`/sitemaps/${file}`))!.lastmod);
  const january = stories.filter((s) => monthOf(s.publishedAt) === '2024-01');
  expect(Math.max(lastmodOf('2024-01.xml'), lastmodOf('2024-01-2.xml'))).toBe(Math.max(...january.map((s) => Date.parse(s.updatedAt))));
  expect(new Date(Math.max(lastmodOf('2024-01.xml'), lastmodOf('2024-01-2.xml'))).toISOString().slice(0, 7), 'a June correction').toBe('2024-06');
  const february = stories.filter((s) => monthOf(s.publishedAt) === '2024-02');
  expect(lastmodOf('2024-02.xml')).toBe(Math.max(...february.map((s) => Date.parse(s.updatedAt))));
  expect(lastmodOf('pages.xml')).toBe(Math.max(...stories.map((s) => Date.parse(s.updatedAt))));
});

test('a past month is kept long, the current month and the index briefly; each names its front-cache key', async () => {
  const thisMonth = new Date().toISOString().slice(0, 7);
  const past = await fetch(`${server.url}/sitemaps/2024-02.xml`);
  expect(past.headers.get('cache-control')).toMatch(/^public, max-age=86400, s-maxage=31536000/);
  expect(past.headers.get('xkey')?.split(' ')).toEqual(['all', 'sitemap-2024-02']);
  const second = await fetch(`${server.url}/sitemaps/2024-01-2.xml`);
  expect(second.headers.get('xkey')?.split(' '), "a month's second part has the month's key").toEqual(['all', 'sitemap-2024-01']);
  const current = await fetch(`${server.url}/sitemaps/${thisMonth}.xml`);
  expect(current.status).toBe(200);
  expect(current.headers.get('cache-control')).toMatch(/s-maxage=300\b/);
  for (const pathname of ['/sitemap.xml', '/sitemaps/pages.xml', '/sitemap-news.xml']) {
    const response = await fetch(`${server.url}${pathname}`);
    expect(response.headers.get('cache-control'), pathname).toMatch(/s-maxage=300\b/);
    expect(response.headers.get('xkey')?.split(' '), pathname).toEqual(['all', 'sitemap']);
  }
});

test('the news sitemap lists the 1,000 newest stories of the last two days, newest first', async () => {
  const response = await fetch(`${server.url}/sitemap-news.xml`);
  const body = await response.text();
  expect(await sitemapSchemaErrors(body, 'sitemap-news.xml')).toEqual([]);
  const urlset = children(parseXml(body), 'urlset')[0];
  const entries = children(urlset, 'url').map((u) => ({ loc: childText(u, 'loc'), date: Date.parse(childText(children(u, 'news:news')[0], 'news:publication_date')) }));
  const recent = stories.filter((s) => Date.parse(s.publishedAt) >= Date.now() - 2 * 86_400_000);
  expect(recent.length, 'more recent stories than the news sitemap may hold').toBeGreaterThan(1_000);
  expect(entries).toHaveLength(1_000);
  const dates = entries.map((e) => e.date);
  expect(dates, 'newest first').toEqual([...dates].sort((a, b) => b - a));
  const newest = [...recent].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt)).slice(0, 1_000);
  expect(entries.map((e) => e.loc).sort()).toEqual(newest.map(urlOf).sort());
  expect(sitemapUrls(body).every((u) => u.loc.startsWith(SITE_URL))).toBe(true);
});

test('a month without stories, a name that is no child, and hostile paths: 404, never a sitemap, never a 500', async () => {
  const notFound = [
    '/sitemaps/2024-03.xml',
    '/sitemaps/2023-12.xml',
    '/sitemaps/2024-01-3.xml',
    '/sitemaps/2024-01-1.xml',
    '/sitemaps/2024-01-02.xml',
    '/sitemaps/9999-99.xml',
    '/sitemaps/2024-13.xml',
    '/sitemaps/2025-07-0.xml',
    '/sitemaps/2024-01.xml.gz',
    '/sitemaps/2024-01',
    '/sitemaps/%00.xml',
    '/sitemaps/%3Cscript%3E.xml',
    `/sitemaps/${'9'.repeat(2_000)}.xml`,
    '/sitemaps/2024-01.xml/x',
  ];
  for (const pathname of notFound) {
    const response = await rawGet(server.url, pathname);
    expect(response.status, pathname).toBe(404);
    expect(response.body, pathname).not.toContain('<urlset');
  }
  // Dot segments: the guard sends the client to the canonical path, which is no sitemap.
  for (const pathname of ['/sitemaps/../x', '/sitemaps/%2e%2e/x', '/sitemaps/./2024-99.xml', '/sitemaps/..%2f2024-01.xml']) {
    let response = await rawGet(server.url, pathname);
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 3; hops++) {
      response = await rawGet(server.url, new URL(response.location!, server.url).pathname);
    }
    expect(response.status, pathname).toBe(404);
    expect(response.body, pathname).not.toContain('<urlset');
  }
});

/** What a publish sends: the changed files, signed (POST /api/revalidate), as `npm run publish` does. */
async function notify(files: string[]): Promise<void> {
  const body = notificationBody('e2e archive sitemaps', files);
  const response = await fetch(`${server.url}/api/revalidate`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...signNotification(REVALIDATE_SECRET, body) }, body });
  expect(response.status, await response.text()).toBe(200);
}

const childLastmod = async (file: string) => {
  const index = children(parseXml(await (await fetch(`${server.url}/sitemap.xml`)).text()), 'sitemapindex')[0];
  return childText(children(index, 'sitemap').find((s) => childText(s, 'loc').endsWith(`/sitemaps/${file}`)), 'lastmod');
};

test("a correction and a takedown in past months purge that month's children and the index from the front cache, no other month", async () => {
  test.setTimeout(120_000);
  const content = path.join(dir, 'content');
  // A January story corrected now: January's children and the index are purged, and the index
  // gives January today's lastmod.
  const corrected = stories.find((s) => s.slug === 'berita-arsip-9')!;
  const now = Date.now();
  purges = [];
  writeStory(content, { ...corrected, updatedAt: wib(now) }, { title: 'Berita arsip yang diperbaiki' });
  await notify([`id/${corrected.slug}.md`]);
  await expect.poll(() => purges.flatMap((p) => p.keys), { timeout: 15_000 }).toContain('sitemap-2024-01');
  let keys = purges.flatMap((p) => p.keys);
  expect(keys).toEqual(expect.arrayContaining(['sitemap', 'sitemap-2024-01', `story-${corrected.translationId}`]));
  expect(keys.filter((k) => k.startsWith('sitemap-')), 'no other month').toEqual(['sitemap-2024-01']);
  await expect.poll(async () => Date.parse(await childLastmod('2024-01.xml')) || Date.parse(await childLastmod('2024-01-2.xml')), { timeout: 10_000 }).toBeGreaterThanOrEqual(Math.floor(now / 1000) * 1000);

  // A February story taken down (status: draft, both languages): February's child and the index;
  // the story leaves February's child.
  const takenDown = stories.filter((s) => s.translationId === 'arsip-25200');
  expect(takenDown.map((s) => monthOf(s.publishedAt))).toEqual(['2024-02', '2024-02']);
  purges = [];
  for (const s of takenDown) writeStory(content, s, { status: 'draft' });
  await notify(takenDown.map((s) => `${s.locale}/${s.slug}.md`));
  await expect.poll(() => purges.flatMap((p) => p.keys), { timeout: 15_000 }).toContain('sitemap-2024-02');
  keys = purges.flatMap((p) => p.keys);
  expect(keys).toEqual(expect.arrayContaining(['sitemap', 'sitemap-2024-02', 'missing']));
  expect(keys.filter((k) => k.startsWith('sitemap-')), 'no other month').toEqual(['sitemap-2024-02']);
  const february = await (await fetch(`${server.url}/sitemaps/2024-02.xml`)).text();
  for (const s of takenDown) expect(february).not.toContain(urlOf(s));
  expect(sitemapUrls(february)).toHaveLength(800 - 2);
});
