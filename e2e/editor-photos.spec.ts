import { execFile, spawnSync } from 'node:child_process';
import http from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse, type HTMLElement } from 'node-html-parser';
import sharp from 'sharp';
import { cameraJpeg, EXIFTOOL, hugePngHeader, paddedJpeg, revealingTags, TEXT_AS_JPEG } from '../lib/media/test-photos';
import { migrate, testDatabase } from './support/postgres';
import { startServer, type TestServer } from './support/server';
import { startVarnish } from './support/varnish';
import { freePort } from './support/tools';

// Photos as a newsroom uses them (issue 24): an editor publishes a story with a camera JPEG (EXIF
// GPS, orientation 6) from the command line, with the photo as a path next to the story file; the
// reader gets a <picture> whose every candidate is a real, upright, stripped image; the share
// card, the structured data and the feeds carry the photo; bad files are refused, each with its
// own message, and nothing is stored. Against the production build, on a server of this spec's
// own (its content and media folders are temporary copies).

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-photos-0123456789abcdef';

let server: TestServer;
let store: string;
let drafts: string;
let media: string;

test.describe.configure({ mode: 'serial' });

const story = (slug: string, imageLines: string, title = 'Pasar terapung di Banjarmasin ramai lagi') => `---
translationId: ${slug}
slug: ${slug}
locale: id
title: "${title}"
summary: "Pedagang sayur kembali berjualan dari perahu sejak subuh."
section: business
publishedAt: "${new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00')}"
updatedAt: "${new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00')}"
source:
  name: Kabar Kini
tags: [foto]
${imageLines}status: published
---
Pasar terapung Lok Baintan kembali ramai.
`;

const photoLines = (src: string) => `image:
  src: ${src}
  alt: "Pedagang sayur di atas perahu di sungai"
  caption: "Pasar terapung Lok Baintan, pagi hari."
  credit: "Foto: Dewi Lestari"
  focus: { x: 0.5, y: 0.25 }
`;

async function publish(...files: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['run', '-s', 'publish', '--', ...files], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: store, MEDIA_DIR: media, REVALIDATE_SECRET: SECRET, SITE_URL: server.url, PUBLISH_LOCK_WAIT_MS: '' },
      maxBuffer: 10 * 1024 * 1024,
    });
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

const absolute = (url: string) => new URL(new URL(url, server.url).pathname + new URL(url, server.url).search, server.url).toString();
async function fetchBytes(url: string) {
  const response = await fetch(absolute(url));
  return { status: response.status, type: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), body: Buffer.from(await response.arrayBuffer()) };
}
const page$ = async (pathname: string) => parse(await (await fetch(new URL(pathname, server.url))).text());
const candidates = (srcset: string) => srcset.split(',').map((c) => c.trim().split(' ')[0]!);
const jsonLdArticle = (page: HTMLElement) => page.querySelectorAll('script[type="application/ld+json"]').map((s) => JSON.parse(s.textContent)).find((d) => d['@type'] === 'NewsArticle');
const originals = () => (existsSync(path.join(media, 'originals')) ? readdirSync(path.join(media, 'originals')).sort() : []);
const storeFiles = () => readdirSync(store, { recursive: true }).map(String).sort();

/** Red on top and blue at the bottom: the camera photo the right way up (lib/media/test-photos.ts). */
async function isUpright(bytes: Buffer) {
  const { data, info } = await sharp(bytes).removeAlpha().resize(20, 20, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [data[(y * info.width + x) * 3]!, data[(y * info.width + x) * 3 + 2]!] as const;
  const [topRed, topBlue] = at(10, 1);
  const [bottomRed, bottomBlue] = at(10, 18);
  return topRed > topBlue + 100 && bottomBlue > bottomRed + 100;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  store = mkdtempSync(path.join(tmpdir(), 'kabar-photos-store-'));
  drafts = mkdtempSync(path.join(tmpdir(), 'kabar-photos-drafts-'));
  media = mkdtempSync(path.join(tmpdir(), 'kabar-photos-media-'));
  cpSync(process.env.E2E_CONTENT_DIR ?? path.join(root, 'content'), store, { recursive: true });
  server = await startServer({ port: await freePort(), env: { CONTENT_DIR: store, MEDIA_DIR: media, REVALIDATE_SECRET: SECRET } });
});

test.afterAll(async () => {
  await server?.stop();
  for (const dir of [store, drafts, media]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test('npm run publish takes the camera JPEG next to the story; every srcset candidate is a real image, upright, without EXIF or GPS', async () => {
  test.setTimeout(180_000);
  const camera = await cameraJpeg();
  if (EXIFTOOL) expect(revealingTags(camera).join(' '), 'the fixture really carries GPS and an orientation flag').toMatch(/GPS.*|Orientation/);
  mkdirSync(path.join(drafts, 'foto'), { recursive: true });
  writeFileSync(path.join(drafts, 'foto', 'kamera.jpg'), camera);
  const result = await publish(writeDraft('pasar.md', story('pasar-terapung-ramai', photoLines('foto/kamera.jpg'))));
  expect(result.code, result.out).toBe(0);
  expect(result.out).toMatch(/photo [0-9a-f]{20} \(1000 × 1600\) kept in the folder/);
  expect(result.out).toMatch(/\d+ photo derivatives made/);

  const page = await page$('/id/berita/pasar-terapung-ramai');
  expect(page.querySelectorAll('script[src], link[rel="modulepreload"]'), 'the photo brings no client script (decision 020)').toHaveLength(0);
  const figure = page.querySelector('figure.article-image')!;
  expect(figure.querySelector('figcaption')!.textContent).toBe('Pasar terapung Lok Baintan, pagi hari. Foto: Dewi Lestari');
  const img = figure.querySelector('picture img')!;
  expect(img.getAttribute('fetchpriority')).toBe('high');
  expect(img.getAttribute('loading')).toBeUndefined();
  expect(Number(img.getAttribute('height')) / Number(img.getAttribute('width')), 'width and height: the upright ratio').toBeCloseTo(1.6, 2);
  const claimed: [string, string][] = [];
  for (const source of figure.querySelectorAll('picture source')) for (const url of candidates(source.getAttribute('srcset')!)) claimed.push([url, source.getAttribute('type')!]);
  for (const url of candidates(img.getAttribute('srcset')!)) claimed.push([url, 'image/jpeg']);
  claimed.push([img.getAttribute('src')!, 'image/jpeg']);
  expect(claimed.length).toBeGreaterThanOrEqual(15);
  for (const [url, type] of claimed) {
    const answer = await fetchBytes(url);
    expect(answer.status, url).toBe(200);
    expect(answer.type, url).toBe(type);
    expect(answer.cacheControl).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(answer.body).metadata();
    expect(meta.width, `${url} is as wide as its name says`).toBe(Number(/-(\d+)\.\w+$/.exec(url)![1]));
    expect(meta.exif, `${url} has no EXIF`).toBeUndefined();
    expect(await isUpright(answer.body), `${url} is the right way up`).toBe(true);
    if (EXIFTOOL && url.includes('-640.')) expect(revealingTags(answer.body), `${url} as exiftool reads it`).toEqual([]);
  }
  const [hash] = originals();
  expect((await fetchBytes(`/media/${hash}`)).status, 'the original is never served').toBe(404);
  expect((await fetchBytes(`/media/${hash}-640.gif`)).status).toBe(404);
  expect((await fetchBytes(`/media/${'0'.repeat(20)}-640.jpg`)).status).toBe(404);
});

test('the share card is drawn on the photo; JSON-LD lists three crops at their ratios; the feeds carry the photo', async () => {
  test.setTimeout(120_000);
  const page = await page$('/id/berita/pasar-terapung-ramai');
  const og = page.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
  expect(page.querySelector('meta[property="og:image:width"]')?.getAttribute('content')).toBe('1200');
  expect(page.querySelector('meta[property="og:image:height"]')?.getAttribute('content')).toBe('630');
  expect(page.querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toBe('summary_large_image');
  const card = await fetchBytes(og);
  expect(card.status).toBe(200);
  const cardMeta = await sharp(card.body).metadata();
  expect([cardMeta.width, cardMeta.height]).toEqual([1200, 630]);
  const plain = await fetchBytes((await page$('/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global')).querySelector('meta[property="og:image"]')!.getAttribute('content')!);
  const stats = async (b: Buffer) => (await sharp(b).stats()).channels.slice(0, 3).map((c) => c.mean);
  const [withPhoto, without] = [await stats(card.body), await stats(plain.body)];
  // The plain card is white with dark type; the photo card's top half is the red part of the photo.
  expect(without[0]! + without[1]! + without[2]!, 'the plain card is mostly white').toBeGreaterThan(600);
  const top = await sharp(card.body).extract({ left: 400, top: 150, width: 400, height: 100 }).stats();
  expect(top.channels[0]!.mean, 'the photo (red) fills the card').toBeGreaterThan(top.channels[2]!.mean + 80);
  expect(withPhoto).not.toEqual(without);

  const images = jsonLdArticle(page).image as string[];
  expect(images).toHaveLength(3);
  for (const [url, ratio] of images.map((u, i) => [u, [16 / 9, 4 / 3, 1][i]!] as const)) {
    const answer = await fetchBytes(url);
    expect(answer.status, url).toBe(200);
    const meta = await sharp(answer.body).metadata();
    expect(meta.width! / meta.height!, url).toBeCloseTo(ratio, 1);
    expect(meta.width, 'as wide as the photo allows (1000 px upright)').toBe(1000);
  }
  const rss = await (await fetch(new URL('/id/feed.xml', server.url))).text();
  expect(rss).toMatch(/<enclosure [^>]*url="[^"]*\/media\/[0-9a-f]{20}-16x9-50-25-1000\.jpg"/);
  const atom = await (await fetch(new URL('/id/atom.xml', server.url))).text();
  expect(atom).toMatch(/<link rel="enclosure" href="[^"]*\/media\/[0-9a-f]{20}-16x9-50-25-1000\.jpg" type="image\/jpeg"/);
});

test('a text file named .jpg, a 30 000 × 30 000 PNG and a 40 MB file are refused, each with its own message, and nothing is stored', async () => {
  test.setTimeout(120_000);
  writeFileSync(path.join(drafts, 'teks.jpg'), TEXT_AS_JPEG);
  writeFileSync(path.join(drafts, 'raksasa.png'), hugePngHeader());
  writeFileSync(path.join(drafts, 'besar.jpg'), await paddedJpeg(40 * 1024 * 1024));
  const [mediaBefore, storeBefore] = [originals(), storeFiles()];
  const cases = [
    ['teks.jpg', 'is not a JPEG, PNG, WebP or AVIF image', 'Accepted formats: JPEG, PNG, WebP, AVIF'],
    ['raksasa.png', '30000 × 30000 pixels (900 megapixels); at most 50 megapixels', 'Resize it'],
    ['besar.jpg', 'The file is 40 MB; photos may be at most 25 MB', 'Export a smaller JPEG'],
  ] as const;
  for (const [file, problem, fix] of cases) {
    const draft = writeDraft(`tolak-${file}.md`, story(`tolak-${file.replace('.', '-')}`, photoLines(`./${file}`)));
    const result = await publish(draft);
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain(`${draft}: image.src: the photo "./${file}" is refused:`);
    expect(result.out).toContain(problem);
    expect(result.out).toContain(fix);
    expect(result.out).toContain('Nothing was changed.');
  }
  expect(originals(), 'no original kept').toEqual(mediaBefore);
  expect(storeFiles(), 'no story written').toEqual(storeBefore);
});

async function cumulativeShift(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
}

for (const [name, viewport] of [['a 360 px phone', { width: 360, height: 740 }], ['a desktop', { width: 1280, height: 800 }]] as const) {
  test(`on ${name}: no layout shift while the photo loads slowly, nothing wider than the screen, the list thumbnails lazy below the first screen`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport, deviceScaleFactor: 2 });
    const page = await context.newPage();
    let photoRequests = 0;
    await page.route('**/media/**', async (route) => {
      photoRequests += 1;
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(new URL('/id/berita/pasar-terapung-ramai', server.url).toString(), { waitUntil: 'domcontentloaded' });
    await expect(page.locator('figure.article-image img')).toBeVisible();
    await page.waitForFunction(() => (document.querySelector('figure.article-image img') as HTMLImageElement).complete, undefined, { timeout: 30_000 });
    expect(photoRequests).toBeGreaterThan(0);
    const box = await page.locator('figure.article-image img').boundingBox();
    expect(box!.width).toBeGreaterThan(viewport.width > 1000 ? 500 : 300);
    expect(box!.height / box!.width, 'the upright photo keeps its ratio').toBeCloseTo(1.6, 1);
    const chosen = await page.locator('figure.article-image img').evaluate((img: HTMLImageElement) => img.currentSrc);
    expect(chosen, 'the browser picks AVIF').toMatch(/\.avif$/);
    expect(await cumulativeShift(page), 'CLS with the photo arriving 1.5 s late').toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').toBeLessThanOrEqual(viewport.width);

    await page.goto(new URL('/id/rubrik/ekonomi', server.url).toString());
    const thumbs = page.locator('.story-thumb img');
    await expect(thumbs.first()).toBeVisible();
    expect(await thumbs.first().getAttribute('loading'), 'the first items are on the first screen').toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    const thumbBox = await thumbs.first().boundingBox();
    expect(thumbBox!.width / thumbBox!.height).toBeCloseTo(4 / 3, 1);
    await context.close();
  });
}

test('a 390 px phone at DPR 3 downloads one lead photo, in AVIF, the narrowest wide enough (figure printed)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true });
  const page = await context.newPage();
  const photos: { url: string; type: string; bytes: number }[] = [];
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.startsWith('/media/')) return;
    photos.push({ url: new URL(response.url()).pathname, type: response.headers()['content-type'] ?? '', bytes: (await response.body()).length });
  });
  await page.goto(new URL('/id/berita/pasar-terapung-ramai', server.url).toString(), { waitUntil: 'load' });
  await expect.poll(() => photos.length).toBeGreaterThan(0);
  const slot = (await page.locator('figure.article-image img').boundingBox())!.width * 3;
  const widths = candidates((await page.locator('figure.article-image source[type="image/avif"]').getAttribute('srcset'))!).map((u) => Number(/-(\d+)\.avif$/.exec(u)![1]));
  const expected = widths.find((w) => w >= slot) ?? widths.at(-1)!;
  expect(photos.map((p) => p.url), 'one request for the lead photo, nothing else above the fold').toHaveLength(1);
  expect(photos[0]!.type).toBe('image/avif');
  expect(photos[0]!.url).toMatch(new RegExp(`-${expected}\\.avif$`));
  console.log(`lead photo on a 390 px phone at DPR 3: ${photos[0]!.url} (slot ${Math.round(slot)} device px), ${photos[0]!.bytes} bytes (the camera original: ${(await cameraJpeg()).length} bytes)`);
  await context.close();
});

test('the article, home and section pages with the photo are valid HTML (Nu HTML Checker)', async () => {
  test.setTimeout(120_000);
  const java = process.env.JAVA_PATH ?? 'java';
  const vnuJar = path.join(path.dirname(createRequire(__filename).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-photos-vnu-'));
  try {
    const files: Record<string, string> = {};
    for (const pathname of ['/id/berita/pasar-terapung-ramai', '/id', '/id/rubrik/ekonomi']) {
      const html = await (await fetch(new URL(pathname, server.url))).text();
      expect(html, `${pathname} has the photo`).toContain('<picture>');
      const file = path.join(dir, `${Object.keys(files).length}.html`);
      writeFileSync(file, html);
      files[file] = pathname;
    }
    const result = spawnSync(java, ['-jar', vnuJar, '--errors-only', '--format', 'json', ...Object.keys(files)], { encoding: 'utf8', timeout: 100_000 });
    expect(result.error, `could not start ${java}`).toBeUndefined();
    const report = JSON.parse(result.stderr) as { messages: { url: string; message: string; type: string }[] };
    expect(report.messages.map((m) => `${files[decodeURIComponent(new URL(m.url).pathname)] ?? m.url}: ${m.type}: ${m.message}`)).toEqual([]);
    expect(result.status, 'the checker ran and found nothing').toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('printed, the story keeps its lead photo and credit', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(new URL('/id/berita/pasar-terapung-ramai', server.url).toString());
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('figure.article-image img')).toBeVisible();
  await expect(page.locator('figure.article-image .credit')).toHaveText('Foto: Dewi Lestari');
  await page.close();
});

function writeDraft(name: string, text: string): string {
  const file = path.join(drafts, name);
  writeFileSync(file, text);
  return file;
}


// ---- From the desk (a reporter's phone, 390 px) ----

const run = Date.now().toString(36);
const editor = { email: `photo-editor-${run}@kabar.test`, password: 'photo editor password for the e2e run' };
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  expect(violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
}

/** The status answered to an upload that declares `length` bytes and sends none of them. */
function statusOfUnsentUpload(length: number) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(new URL('/api/desk/photos', server.url), { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': length } }, (response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

async function signedIn(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: server.url, ...options });
  const page = await context.newPage();
  await page.goto('/desk/login');
  await page.getByLabel('Alamat e-mail').fill(editor.email);
  await page.getByLabel('Kata sandi').fill(editor.password);
  await page.getByLabel('Kata sandi').press('Enter');
  await expect(page).toHaveURL(/\/desk$/);
  return { context, page };
}

test('an editor account for the desk tests', () => {
  const added = spawnSync('npm', ['run', '-s', 'desk:user', '--', 'add', '--email', editor.email, '--role', 'editor'], { env: { ...process.env, DESK_PASSWORD: editor.password }, encoding: 'utf8', timeout: 60_000 });
  expect(`${added.stdout}${added.stderr}`).toContain(`Added ${editor.email} (editor).`);
});

test('from the desk on a phone: upload the camera JPEG, set the focal point by keyboard, write the alt text, publish; the page shows it upright and stripped', async ({ browser }) => {
  test.setTimeout(180_000);
  const { context, page } = await signedIn(browser);
  await page.goto('/desk/stories/new');
  const title = `Banjir rob di pesisir ${run}`;
  await page.getByLabel('Judul', { exact: true }).fill(title);
  await page.getByLabel('Rubrik').selectOption('world');
  await page.getByLabel('Ringkasan').fill('Air laut masuk ke permukiman warga.');
  await page.getByLabel('Nama sumber').fill('Kabar Kini');
  await page.getByLabel('Isi berita (Markdown)').fill('Warga mengungsi ke tempat yang lebih tinggi.');
  await page.getByLabel('Pilih foto').setInputFiles({ name: 'IMG_2041.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg() });
  await expect(page.getByRole('status').filter({ hasText: 'Foto tersimpan' })).toHaveText('Foto tersimpan (1000 × 1600 piksel). Tulis teks alt-nya: wajib untuk foto.');
  await expect(page.getByLabel('Deskripsi gambar (teks alt)'), 'the alt text is asked for next').toBeFocused();
  await expect(page.getByLabel('Path atau URL gambar')).toHaveValue(/^media:[0-9a-f]{20}$/);
  const hash = (await page.getByLabel('Path atau URL gambar').inputValue()).slice('media:'.length);
  expect(originals(), 'the original is kept, privately').toContain(hash);
  await expect(page.getByLabel('Lebar gambar (piksel)')).toHaveValue('1000');
  await expect(page.getByLabel('Tinggi gambar (piksel)')).toHaveValue('1600');
  const preview = page.getByRole('img', { name: 'Pratinjau foto yang diunggah' });
  await expect(preview).toBeVisible();
  // A click on the preview sets the focal point; the keyboard can then adjust it.
  const box = (await preview.boundingBox())!;
  await preview.click({ position: { x: box.width * 0.25, y: box.height * 0.1 } });
  await expect(page.getByLabel('Titik fokus dari kiri (%)')).toHaveValue('25');
  await expect(page.getByLabel('Titik fokus dari atas (%)')).toHaveValue('10');
  await page.getByLabel('Titik fokus dari atas (%)').fill('20');
  await expectNoViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Without the alt text the publish is refused next to the field.
  await page.getByRole('button', { name: 'Terbitkan sekarang' }).click();
  await expect(page.locator('#imageAlt-error')).toContainText('alternative text');
  await expect(page.getByLabel('Path atau URL gambar'), 'the photo is kept in the form').toHaveValue(/^media:/);
  await expect(page.getByLabel('Titik fokus dari atas (%)')).toHaveValue('20');
  await page.getByLabel('Deskripsi gambar (teks alt)').fill('Warga berjalan di jalan yang tergenang air laut');
  await page.getByLabel('Kredit gambar').fill('Foto: Kabar Kini');
  await page.getByRole('button', { name: 'Terbitkan sekarang' }).click();
  await expect(page.locator('p.desk-note')).toBeVisible();
  const slug = await page.getByLabel('Slug (nama URL)').inputValue();

  const article = await page$(`/id/berita/${slug}`);
  const img = article.querySelector('figure.article-image picture img')!;
  expect(img.getAttribute('alt')).toBe('Warga berjalan di jalan yang tergenang air laut');
  const avif = candidates(article.querySelector('figure.article-image source[type="image/avif"]')!.getAttribute('srcset')!);
  for (const url of [...avif, img.getAttribute('src')!]) {
    const answer = await fetchBytes(url);
    expect(answer.status, url).toBe(200);
    expect(await isUpright(answer.body), `${url} upright`).toBe(true);
    expect((await sharp(answer.body).metadata()).exif, `${url} has no EXIF`).toBeUndefined();
    if (EXIFTOOL && url.endsWith('.jpg')) expect(revealingTags(answer.body)).toEqual([]);
  }
  const crops = jsonLdArticle(article).image as string[];
  expect(crops[0], 'the crops are around the focal point the editor chose').toMatch(/-16x9-25-20-1000\.jpg$/);
  // The published point is served; any other point of the same photo is a 404, never encoded.
  expect((await fetchBytes(crops[0]!)).status, crops[0]).toBe(200);
  for (const other of [crops[0]!.replace('-25-20-', '-99-99-'), crops[0]!.replace('-16x9-25-20-', '-1x1-7-3-')]) expect((await fetchBytes(other)).status, other).toBe(404);
  await context.close();
});

test('the desk refuses a text file, a 30 000 × 30 000 PNG and a 40 MB file, each with its own message, storing nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await signedIn(browser);
  await page.goto('/desk/stories/new');
  const before = originals();
  const status = page.locator('.desk-photo [role="status"]');
  await page.getByLabel('Pilih foto').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: TEXT_AS_JPEG });
  await expect(status).toHaveText('Berkas ini bukan gambar JPEG, PNG, WebP atau AVIF (menurut isinya, apa pun namanya). Format yang diterima: JPEG, PNG, WebP, AVIF.');
  await page.getByLabel('Pilih foto').setInputFiles({ name: 'panorama.png', mimeType: 'image/png', buffer: hugePngHeader() });
  await expect(status).toHaveText('Gambar ini 30.000 × 30.000 piksel (900 megapiksel); paling banyak 50 megapiksel. Perkecil dulu sebelum mengunggah.');
  await page.getByLabel('Pilih foto').setInputFiles({ name: 'besar.jpg', mimeType: 'image/jpeg', buffer: await paddedJpeg(40 * 1024 * 1024) });
  await expect(status).toHaveText('Berkas ini 40 MB; foto paling besar 25 MB. Ekspor JPEG yang lebih kecil (lebar sekitar 4000 px sudah cukup).');
  await expect(page.getByLabel('Path atau URL gambar')).toHaveValue('');
  await expectNoViolations(page);

  // The server refuses them on its own, whatever the page did: the 40 MB by its length, unread.
  expect(await statusOfUnsentUpload(40 * 1024 * 1024), 'refused by its Content-Length, before a byte of it is sent').toBe(413);
  const text = await page.request.post('/api/desk/photos', { multipart: { photo: { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: TEXT_AS_JPEG } }, headers: { Accept: 'application/json' } });
  expect(text.status()).toBe(422);
  expect((await text.json()).reason).toBe('not-an-image');
  const crossSite = await page.request.post('/api/desk/photos', { multipart: { photo: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg() } }, headers: { 'Sec-Fetch-Site': 'cross-site', Accept: 'application/json' } });
  expect(crossSite.status()).toBe(403);
  const signedOut = await fetch(new URL('/api/desk/photos', server.url), { method: 'POST', body: (() => { const f = new FormData(); f.set('photo', new Blob([TEXT_AS_JPEG]), 'a.jpg'); return f; })(), headers: { Accept: 'application/json' } });
  expect(signedOut.status).toBe(401);
  expect(originals(), 'nothing stored').toEqual(before);
  await context.close();
});

test('without JavaScript: the desk links to a plain upload form, which gives the reference to paste', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await signedIn(browser, { javaScriptEnabled: false });
  await page.goto('/desk/stories/new');
  await expect(page.getByLabel('Titik fokus dari kiri (%)'), 'the focal point fields work without a script').toBeEditable();
  await page.getByRole('link', { name: 'Unggah foto di halaman Foto, lalu salin rujukannya ke kolom gambar' }).click();
  await expect(page).toHaveURL(/\/desk\/photos$/);
  await page.getByLabel('Pilih foto').setInputFiles({ name: 'kamera.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg() });
  await page.getByRole('button', { name: 'Unggah' }).click();
  await expect(page.getByRole('heading', { name: 'Foto tersimpan' })).toBeVisible();
  await expect(page.locator('code')).toHaveText(/^media:[0-9a-f]{20}$/);
  await expect(page.getByRole('img', { name: 'Pratinjau foto yang diunggah' })).toBeVisible();
  const stored = page.url();
  await page.getByLabel('Pilih foto').setInputFiles({ name: 'teks.jpg', mimeType: 'image/jpeg', buffer: TEXT_AS_JPEG });
  await page.getByRole('button', { name: 'Unggah' }).click();
  await expect(page.getByRole('alert')).toContainText('Format yang diterima: JPEG, PNG, WebP, AVIF.');
  const refused = page.url();
  await context.close();
  // axe runs as a script: the same pages, checked in a browser with JavaScript on.
  const checked = await signedIn(browser);
  for (const url of [stored, refused]) {
    await checked.page.goto(url);
    await expectNoViolations(checked.page);
    expect(await checked.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  await checked.context.close();
});

// ---- Several instances on PostgreSQL, no shared volume ----

test('with DATABASE_URL: the original goes into PostgreSQL, and a second instance with an empty cache serves the same sizes', async () => {
  test.setTimeout(240_000);
  const db = await testDatabase();
  test.skip('skipped' in db, `no PostgreSQL for this test: ${'skipped' in db ? db.skipped : ''}`);
  if ('skipped' in db) return;
  const folders = [0, 1, 2, 3].map(() => mkdtempSync(path.join(tmpdir(), 'kabar-photos-pg-')));
  const [emptyContent, unusedMediaDir, cacheA, cacheB] = folders as [string, string, string, string];
  const servers: TestServer[] = [];
  try {
    migrate(db.url);
    const env = { DATABASE_URL: db.url, CONTENT_DIR: emptyContent, MEDIA_DIR: unusedMediaDir, REVALIDATE_SECRET: SECRET };
    servers.push(await startServer({ port: await freePort(), env: { ...env, MEDIA_CACHE_DIR: cacheA } }));
    servers.push(await startServer({ port: await freePort(), env: { ...env, MEDIA_CACHE_DIR: cacheB } }));
    const [a, b] = servers as [TestServer, TestServer];
    writeFileSync(path.join(drafts, 'pg-kamera.jpg'), await cameraJpeg());
    const draft = writeDraft('pg.md', story('foto-dari-basis-data', photoLines('./pg-kamera.jpg'), 'Foto dari basis data'));
    const published = await execFileAsync('npm', ['run', '-s', 'publish', '--', draft], { cwd: root, env: { ...process.env, ...env, SITE_URL: '' } }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
    );
    expect(published.code, published.out).toBe(0);
    expect(published.out).toMatch(/kept in the PostgreSQL at/);
    expect(readdirSync(unusedMediaDir), 'nothing written to a media folder').toEqual([]);

    let srcset: string[] = [];
    await expect(async () => {
      const html = parse(await (await fetch(new URL('/id/berita/foto-dari-basis-data', a.url))).text());
      srcset = candidates(html.querySelector('figure.article-image source[type="image/webp"]')?.getAttribute('srcset') ?? '');
      expect(srcset.length).toBeGreaterThan(3);
    }).toPass({ timeout: 10_000 });
    for (const url of srcset) {
      const fromA = await fetch(new URL(url, a.url));
      const fromB = await fetch(new URL(url, b.url));
      expect([fromA.status, fromB.status], url).toEqual([200, 200]);
      expect(fromB.headers.get('content-type')).toBe('image/webp');
      const [bytesA, bytesB] = [Buffer.from(await fromA.arrayBuffer()), Buffer.from(await fromB.arrayBuffer())];
      expect(bytesA.equals(bytesB), `${url}: the same bytes from both instances`).toBe(true);
      expect(await isUpright(bytesB)).toBe(true);
    }
    expect(readdirSync(cacheA).length, 'A made them into its own cache').toBeGreaterThanOrEqual(srcset.length);
    expect(readdirSync(cacheB).length, 'and B into its own').toBeGreaterThanOrEqual(srcset.length);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.remove();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
});

test('Varnish (deploy/varnish/default.vcl) keeps the sizes for their year: a second request is a hit, whatever the cookies or the query', async () => {
  test.setTimeout(120_000);
  const varnish = await startVarnish({ backendPorts: [Number(new URL(server.url).port)] });
  test.skip('skipped' in varnish, `no varnishd: ${'skipped' in varnish ? varnish.skipped : ''}`);
  if ('skipped' in varnish) return;
  try {
    const page = await page$('/id/berita/pasar-terapung-ramai');
    const url = candidates(page.querySelector('figure.article-image source[type="image/avif"]')!.getAttribute('srcset')!)[2]!;
    const through = (suffix = '', headers: Record<string, string> = {}) => fetch(new URL(url + suffix, varnish.url), { headers });
    const first = await through();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const firstBytes = Buffer.from(await first.arrayBuffer());
    for (const [suffix, headers] of [['', {}], ['?utm_source=wa', {}], ['', { cookie: 'kabar_desk.session_token=abc; _ga=1' }]] as const) {
      const again = await through(suffix, headers);
      expect(again.headers.get('x-cache'), `${suffix} ${JSON.stringify(headers)}`).toBe('HIT');
      expect(Buffer.from(await again.arrayBuffer()).equals(firstBytes)).toBe(true);
    }
    const unknown = await fetch(new URL(`/media/${'0'.repeat(20)}-640.jpg`, varnish.url));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control'), 'a 404 is not kept for a year').not.toContain('31536000');
  } finally {
    await varnish.stop();
  }
});
