import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { parse, type HTMLElement } from 'node-html-parser';
import { PNG } from 'pngjs';
import { waitForHydration } from './support/hydration';
import { freePort } from './support/tools';
import { attribute, children, childText, parseXml, readFeed, sitemapIndexSchemaErrors, sitemapSchemaErrors, wellFormednessErrors, type XmlNode } from './support/xml';

// An editor adds a third language (Malay) with its three kinds of file only, from
// e2e/fixtures/third-language: i18n/locales/ms.ts, messages/ms.json (a few keys left out on
// purpose) and two stories in content/ms/. A copy of the project gets those files, then the
// ordinary `npm run build` (whose prebuild derives i18n/languages.generated.ts from the folder) and
// `next start`. No code is edited: every check below runs against what the files alone produce.
//
// One build and one server for the whole file, and one test: Playwright replaces a worker after a
// failed test and runs beforeAll again, which here would mean another build of several minutes.
// So the checks are steps; each step's failure is recorded and the others still run.

const root = path.resolve(__dirname, '..');
const FIXTURES = path.join(root, 'e2e/fixtures/third-language');

/** What the copy leaves out: installed packages (linked instead), history, builds, test output. */
const NOT_COPIED = /^(?:node_modules|\.git|\.next.*|test-results.*|playwright-report.*|blob-report|.*\.tsbuildinfo|package-lock\.json)$/;

const MS = {
  translated: '/ms/berita/china-lancar-pelan-kerjasama-ai-global',
  translatedTitle: 'China Lancar Pelan Kerjasama AI Global untuk Menyaingi Inisiatif AS',
  only: '/ms/berita/pusat-data-johor-tarik-pelaburan-ai-serantau',
  onlyFile: 'pusat-data-johor-tarik-pelaburan-ai-serantau.md',
  onlyTitle: 'Pusat Data Johor Tarik Pelaburan AI Serantau',
};
const ID_TRANSLATED = '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global';
const EN_TRANSLATED = '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative';

let work = '';
let origin = '';
let server: ChildProcess | undefined;
let serverOutput = '';

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}):\n${output.slice(-6000)}`)),
    );
  });
}

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  // Inside the project, under a name tsc, ESLint and git already ignore (.next-*): Turbopack follows
  // no link out of its root, and without a lockfile of its own the copy's root is this project,
  // where the linked node_modules lives. A folder in /tmp would need next.config.ts edited.
  work = mkdtempSync(path.join(root, '.next-add-language-'));
  for (const entry of readdirSync(root)) {
    if (!NOT_COPIED.test(entry)) cpSync(path.join(root, entry), path.join(work, entry), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  cpSync(FIXTURES, work, { recursive: true });

  // The Google News sitemap lists the last two days only: the Malay-only story is dated an hour
  // before the build, as an editor's fresh story would be.
  const story = path.join(work, 'content/ms', MS.onlyFile);
  const anHourAgo = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  writeFileSync(story, readFileSync(story, 'utf8').replace(/^(publishedAt|updatedAt): .*$/gm, `$1: "${anHourAgo}"`));

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTENT_DIR: path.join(work, 'content'),
    MESSAGES_DIR: path.join(work, 'messages'),
    NEXT_DIST_DIR: '.next-languages',
    SITE_URL: origin,
    NEXT_SKIP_TYPECHECK: '1',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // The copy is a plain single-instance site, whatever services the run around it was given.
  for (const name of ['E2E_CONTENT_DIR', 'DATABASE_URL', 'REDIS_URL']) delete env[name];

  await run('npm', ['run', 'build'], { cwd: work, env });
  expect(readFileSync(path.join(work, 'i18n/languages.generated.ts'), 'utf8'), 'the prebuild found the new file').toContain(
    "from './locales/ms'",
  );

  server = spawn(process.execPath, [path.join(work, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: work,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (serverOutput += d));
  server.stderr!.on('data', (d) => (serverOutput += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${serverOutput}`);
    if (await fetch(`${origin}/robots.txt`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer within 90 s:\n${serverOutput}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid!, 'SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

const failures: string[] = [];

/** A step whose failure is recorded and does not stop the next one (see the top of the file). */
async function check(title: string, body: () => Promise<void>) {
  try {
    await test.step(title, body);
  } catch (error) {
    failures.push(`${title}: ${(error as Error).message.split('\n').slice(0, 6).join('\n')}`);
  }
}

async function html(api: APIRequestContext, url: string, status = 200) {
  const response = await api.get(url, { maxRedirects: 0 });
  expect(response.status(), url).toBe(status);
  return { response, doc: parse(await response.text()) };
}

const lang = (doc: HTMLElement) => doc.querySelector('html')?.getAttribute('lang');

function alternatesOf(doc: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    doc.querySelectorAll('link[rel="alternate"][hreflang]').map((l) => [l.getAttribute('hreflang')!, new URL(l.getAttribute('href')!).pathname]),
  );
}

async function openDrawer(page: Page) {
  await (await waitForHydration(page)).click();
  return page.getByRole('dialog');
}

async function xml(api: APIRequestContext, url: string) {
  const response = await api.get(url);
  expect(response.status(), url).toBe(200);
  const body = await response.text();
  expect(await wellFormednessErrors(body, url.replace(/\W+/g, '_')), `${url} is well-formed`).toEqual([]);
  return { body, root: parseXml(body) };
}

const urlEntry = (urlset: XmlNode | undefined, loc: string) => children(urlset, 'url').find((u) => childText(u, 'loc') === loc);

test('a third language added as files alone is served everywhere a language is', async ({ page, playwright }) => {
  test.setTimeout(5 * 60_000);
  const api = await playwright.request.newContext({ baseURL: origin });
  const abs = (p: string) => `${origin}${p}`;

  await check('the Malay home page, both stories and the section pages answer in Malay', async () => {
    for (const url of ['/ms', MS.translated, MS.only]) expect(lang((await html(api, url)).doc), url).toBe('ms');
    const technology = (await html(api, '/ms/seksyen/teknologi')).doc;
    expect(lang(technology)).toBe('ms');
    expect(technology.querySelector('h1')?.text.trim()).toBe('Teknologi');
    expect(technology.text).toContain(MS.translatedTitle);
    expect((await html(api, '/ms/seksyen/perniagaan')).doc.text).toContain(MS.onlyTitle);
    // The app's internal path is redirected to the Malay one, as for every language.
    const internal = await api.get('/ms/section/teknologi', { maxRedirects: 0 });
    expect(internal.status()).toBe(308);
    expect(internal.headers()['location']).toMatch(/\/ms\/seksyen\/teknologi$/);
  });

  await check('a Malay reader arriving at / is sent to /ms; an Indonesian reader still to /id', async () => {
    for (const [acceptLanguage, expected] of [
      ['ms-MY,ms;q=0.9', '/ms'],
      ['zsm', '/ms'],
      ['id-ID,id;q=0.9,ms;q=0.8', '/id'],
      ['en-GB,en;q=0.9', '/en'],
    ] as const) {
      const response = await api.get('/', { headers: { 'Accept-Language': acceptLanguage }, maxRedirects: 0 });
      expect(response.status(), acceptLanguage).toBe(307);
      expect(new URL(response.headers()['location']!, origin).pathname, acceptLanguage).toBe(expected);
    }
    const story = await api.get('/berita/some-story', { headers: { 'Accept-Language': 'ms' }, maxRedirects: 0 });
    expect(new URL(story.headers()['location']!, origin).pathname).toBe('/ms/berita/some-story');
  });

  await check('the Malay drawer offers Indonesian and English, and English and Indonesian offer Malay', async () => {
    await page.goto(abs(MS.translated));
    let drawer = await openDrawer(page);
    const toId = drawer.getByRole('link', { name: 'Baca dalam Bahasa Indonesia' });
    const toEn = drawer.getByRole('link', { name: 'Read in English' });
    await expect(toId).toHaveAttribute('href', ID_TRANSLATED);
    await expect(toId).toHaveAttribute('hreflang', 'id');
    await expect(toId).toHaveAttribute('lang', 'id');
    await expect(toEn).toHaveAttribute('hreflang', 'en');
    await expect(drawer.getByRole('link', { name: 'Baca dalam Bahasa Melayu' })).toHaveCount(0);

    await toEn.click();
    await expect(page).toHaveURL(abs(EN_TRANSLATED));
    drawer = await openDrawer(page);
    const toMs = drawer.getByRole('link', { name: 'Baca dalam Bahasa Melayu' });
    await expect(toMs).toHaveAttribute('hreflang', 'ms');
    await expect(toMs).toHaveAttribute('lang', 'ms');
    await expect(drawer.getByRole('link', { name: 'Baca dalam Bahasa Indonesia' })).toBeVisible();
    await toMs.click();
    await expect(page).toHaveURL(abs(MS.translated));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ms');

    await page.goto(abs(ID_TRANSLATED));
    drawer = await openDrawer(page);
    await expect(drawer.getByRole('link', { name: 'Baca dalam Bahasa Melayu' })).toHaveAttribute('href', MS.translated);
    await expect(drawer.getByRole('link', { name: 'Read in English' })).toHaveAttribute('href', EN_TRANSLATED);
  });

  await check('strings missing from ms.json read in English; the others in Malay', async () => {
    await page.goto(abs('/ms'));
    // Footer.sitemap is missing, Footer.feed is not.
    await expect(page.locator('footer.site-footer')).toContainText('Sitemap');
    await expect(page.locator('footer.site-footer')).toContainText('Suapan RSS');
    const drawer = await openDrawer(page);
    // Drawer.close is missing, Drawer.language is not.
    await expect(drawer.getByRole('button', { name: 'Close', exact: true })).toBeVisible();
    await expect(drawer.getByText('Bahasa', { exact: true })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Drawer.close');
    await expect(page.locator('body')).not.toContainText('Footer.sitemap');
  });

  await check('dates are written in Malay, in Malaysian time', async () => {
    await page.goto(abs(MS.translated));
    // Published 10:00 in Jakarta (UTC+7) is 11:00 in Kuala Lumpur (UTC+8).
    await expect(page.locator('.article-meta time').first()).toHaveText('Sabtu, 26 Julai 2025, 11:00 MYT');
  });

  await check('the translated story lists all three versions as hreflang alternates, in HTML and the Link header', async () => {
    const expected = { id: ID_TRANSLATED, en: EN_TRANSLATED, ms: MS.translated, 'x-default': ID_TRANSLATED };
    for (const url of [ID_TRANSLATED, EN_TRANSLATED, MS.translated]) {
      const { response, doc } = await html(api, url);
      expect(alternatesOf(doc), url).toEqual(expected);
      const link = response.headers()['link'] ?? '';
      expect(link, `Link header of ${url}`).toContain(`<${abs(MS.translated)}>; rel="alternate"; hreflang="ms"`);
      expect(link, `Link header of ${url}`).toContain(`<${abs(ID_TRANSLATED)}>; rel="alternate"; hreflang="id"`);
    }
    // A Malay-only story has no other version to point at.
    expect(alternatesOf((await html(api, MS.only)).doc)).toEqual({ ms: MS.only, 'x-default': MS.only });
  });

  await check('/ms/feed.xml and /ms/atom.xml are feeds of the Malay stories', async () => {
    const { body, root: rss } = await xml(api, '/ms/feed.xml');
    expect(childText(children(children(rss, 'rss')[0], 'channel')[0], 'language')).toBe('ms');
    const feed = await readFeed(body);
    expect(feed.title).toContain('Berita Terkini');
    const titles = feed.items.map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining([MS.onlyTitle, MS.translatedTitle]));
    for (const item of feed.items) expect(item.link, item.title).toMatch(new RegExp(`^${origin}/ms/berita/`));

    const atom = children((await xml(api, '/ms/atom.xml')).root, 'feed')[0];
    expect(attribute(atom, 'xml:lang')).toBe('ms');
    const atomLinks = children(atom, 'entry').map((e) => attribute(children(e, 'link')[0], 'href'));
    expect(atomLinks, 'the Atom feed has the RSS feed’s stories').toEqual(feed.items.map((i) => i.link));
  });

  await check('the sitemap index’s children list the Malay pages with their alternates', async () => {
    const { body, root: doc } = await xml(api, '/sitemap.xml');
    expect(await sitemapIndexSchemaErrors(body)).toEqual([]);
    const urls: XmlNode[] = [];
    for (const child of children(children(doc, 'sitemapindex')[0], 'sitemap')) {
      const path = new URL(childText(child, 'loc')).pathname;
      const { body: childBody, root } = await xml(api, path);
      expect(await sitemapSchemaErrors(childBody), path).toEqual([]);
      urls.push(...children(children(root, 'urlset')[0], 'url'));
    }
    const urlset: XmlNode = { url: urls };
    for (const p of ['/ms', '/ms/seksyen/teknologi', MS.only]) expect(urlEntry(urlset, abs(p)), p).toBeDefined();
    const hreflangs = (p: string) =>
      Object.fromEntries(children(urlEntry(urlset, abs(p)), 'xhtml:link').map((l) => [attribute(l, 'hreflang'), attribute(l, 'href')]));
    const versions = { id: abs(ID_TRANSLATED), en: abs(EN_TRANSLATED), ms: abs(MS.translated), 'x-default': abs(ID_TRANSLATED) };
    expect(hreflangs(MS.translated)).toEqual(versions);
    expect(hreflangs(ID_TRANSLATED)).toEqual(versions);
    expect(hreflangs('/ms')).toMatchObject({ ms: abs('/ms'), id: abs('/id'), en: abs('/en') });
  });

  await check('the news sitemap lists the fresh Malay story as Malay', async () => {
    const { root: doc } = await xml(api, '/sitemap-news.xml');
    const entry = urlEntry(children(doc, 'urlset')[0], abs(MS.only));
    expect(entry, 'the Malay story published an hour ago').toBeDefined();
    const publication = children(children(entry, 'news:news')[0], 'news:publication')[0];
    expect(childText(publication, 'news:language')).toBe('ms');
    expect(childText(children(entry, 'news:news')[0], 'news:title')).toBe(MS.onlyTitle);
  });

  await check('the Malay story’s share image is a 1200×630 PNG', async () => {
    const { doc } = await html(api, MS.translated);
    const og = doc.querySelector('meta[property="og:image"]')?.getAttribute('content');
    expect(og).toMatch(new RegExp(`^${origin}/ms/`));
    const response = await api.get(new URL(og!).pathname + new URL(og!).search);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = PNG.sync.read(await response.body());
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(doc.querySelector('meta[property="og:locale"]')?.getAttribute('content')).toBe('ms_MY');
  });

  await check('a Malay list shows each story once: in Malay, else in English, the fallback language', async () => {
    const titles = (await html(api, '/ms/seksyen/teknologi')).doc
      .querySelectorAll('.story-title')
      .map((el) => [el.text.trim(), el.getAttribute('lang') ?? 'ms']);
    // Translated into Malay: only the Malay version. In Indonesian and English only: the English one.
    expect(titles).toContainEqual([MS.translatedTitle, 'ms']);
    expect(titles).toContainEqual(["The Three Pillars of America's AI Action Plan", 'en']);
    expect(titles.map(([t]) => t)).not.toContain('Tiga Pilar Rencana Aksi AI Amerika');
    expect(titles.map(([t]) => t)).not.toContain('China Launches Global AI Cooperation Plan to Rival US Initiative');
    expect(titles.map(([t]) => t)).not.toContain('Tiongkok Luncurkan Rencana Kerja Sama AI Global untuk Menandingi Inisiatif AS');
  });

  await check('Indonesian and English lists mark the Malay-only story as Malay', async () => {
    for (const url of ['/id/rubrik/ekonomi', '/en/section/business']) {
      const heading = (await html(api, url)).doc.querySelectorAll('[lang="ms"]').find((el) => el.text.includes(MS.onlyTitle));
      expect(heading, `${url} shows "${MS.onlyTitle}" with lang="ms"`).toBeDefined();
    }
  });

  await check('a missing Malay story is a Malay 404, and an unknown language a 404 in the reader’s language', async () => {
    const missing = await page.goto(abs('/ms/berita/tiada-berita-sebegini'));
    expect(missing?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ms');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak dijumpai');
    await page.getByRole('link', { name: 'Kembali ke laman utama' }).click();
    await expect(page).toHaveURL(abs('/ms'));

    const unknown = await api.get('/xx/berita/apa-apa', { headers: { 'Accept-Language': 'ms-MY' }, maxRedirects: 0 });
    expect(unknown.status()).toBe(404);
    const doc = parse(await unknown.text());
    expect(lang(doc)).toBe('ms');
    expect(doc.querySelector('h1')?.text.trim()).toBe('Halaman tidak dijumpai');
  });

  await api.dispose();
  expect(failures, 'every check above passed').toEqual([]);
});
