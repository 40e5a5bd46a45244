import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { parse } from 'node-html-parser';
import postgres from 'postgres';
import { testDatabase, type TestDatabase } from './support/postgres';
import { startServer, type TestServer } from './support/server';
import { writePublishedStory } from './support/stories';

// Search with PostgreSQL (issue 26, decision 032): a `next start` of the e2e build with
// DATABASE_URL, on a database of this spec's own (the shared server's, or a private cluster), the
// content imported with `npm run content:import` and an empty CONTENT_DIR, so every result came
// from PostgreSQL's full-text search. The same stemming examples as the embedded engine
// (e2e/reader-search.spec.ts), hostile queries, and publishing: a story published with
// `npm run publish` is found within 5 s, and gone from the results within 5 s of its takedown.

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-0123456789abcdefghijkl';
const CONTENT = process.env.E2E_CONTENT_DIR ?? path.join(root, 'content');
const VISIBLE_WITHIN = 5_000;
// The last port of this run's range (E2E_PORT … E2E_PORT+9).
const PORT = Number(process.env.E2E_PORT ?? 3100) + 9;

const COOPERATION = ['fixture-kerjasama-pelabuhan-priok', 'fixture-petani-kopi-bekerja-sama', 'tiongkok-luncurkan-rencana-kerja-sama-ai-global'];
const BUILDING = ['fixture-pembangunan-jembatan-lebak', 'fixture-nelayan-bangun-subuh', 'tiga-pilar-rencana-aksi-ai-amerika'];

let db: TestDatabase | undefined;
let skipped = '';
let server: TestServer;
let emptyFolder: string;
let drafts: string;

test.describe.configure({ mode: 'serial' });

async function npm(args: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['run', '-s', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db!.url, REVALIDATE_SECRET: SECRET, CONTENT_DIR: emptyFolder, SITE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function search(pathname: string) {
  const response = await fetch(new URL(pathname, server.url), { redirect: 'manual' });
  const html = await response.text();
  const doc = parse(html);
  return {
    status: response.status,
    headers: response.headers,
    html,
    doc,
    slugs: doc.querySelectorAll('.search-list .story-title a').map((a) => a.getAttribute('href')!.split('/').pop()!),
    snippets: doc.querySelectorAll('.search-snippet').map((p) => p.innerHTML),
  };
}

const cari = (q: string) => `/id/cari?q=${encodeURIComponent(q)}`;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const made = await testDatabase();
  if ('skipped' in made) {
    skipped = made.skipped;
    return;
  }
  db = made;
  emptyFolder = mkdtempSync(path.join(tmpdir(), 'kabar-search-empty-'));
  drafts = mkdtempSync(path.join(tmpdir(), 'kabar-search-drafts-'));
  const migrated = await npm(['db:migrate']);
  expect(migrated.code, migrated.stderr).toBe(0);
  const imported = await npm(['content:import', '--', CONTENT]);
  expect(imported.code, imported.stderr).toBe(0);
  server = await startServer({ port: PORT, env: { DATABASE_URL: db.url, CONTENT_DIR: emptyFolder, REVALIDATE_SECRET: SECRET } });
});

test.afterAll(async () => {
  await server?.stop();
  await db?.remove();
  for (const dir of [emptyFolder, drafts]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(!db, `no PostgreSQL for this spec: ${skipped}`);
});

test('kerja sama, bekerja sama and kerjasama find each other; so do membangun, pembangunan and bangun; English has its own', async () => {
  for (const q of ['kerja sama', 'bekerja sama', 'kerjasama']) {
    const found = await search(cari(q));
    expect(found.status, q).toBe(200);
    expect(found.slugs, q).toEqual(expect.arrayContaining(COOPERATION));
  }
  for (const q of ['membangun', 'pembangunan', 'bangun', 'dibangun']) expect((await search(cari(q))).slugs, q).toEqual(expect.arrayContaining(BUILDING));
  const bridge = await search(cari('bangun'));
  expect(bridge.snippets.join('\n')).toContain('<mark>dibangun</mark>');
  expect(bridge.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60');
  expect(bridge.headers.get('x-robots-tag')).toBe('noindex');
  const english = await search('/en/search?q=cooperation');
  expect(english.slugs).toEqual(expect.arrayContaining(['fixture-port-operators-cooperate', 'china-launches-global-ai-cooperation-plan-to-rival-us-initiative']));
  expect(english.slugs.some((slug) => slug.startsWith('fixture-kerjasama'))).toBe(false);
  // Drafts never: the content's Indonesian draft is about "tata kelola".
  expect((await search(cari('draf penjelasan tata kelola'))).slugs).toEqual([]);
});

test('hostile queries are words, and the database is untouched by them', async () => {
  for (const q of ['<script>alert(1)</script>', 'a & b | !c', "' OR 1=1 --", "bangun'); DROP TABLE articles; --", 'bangun:* & !kerja', "\\'; SELECT pg_sleep(10); --"]) {
    const started = Date.now();
    const found = await search(cari(q));
    expect(found.status, q).toBe(200);
    expect(Date.now() - started, q).toBeLessThan(5_000);
    expect(found.html).not.toContain('<script>alert(1)');
  }
  expect((await search(cari('x'.repeat(10_000)))).status).toBe(400);
  expect((await search(cari('satu dua tiga empat lima enam tujuh delapan sembilan'))).status).toBe(400);
  const sql = postgres(db!.url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ count: string }[]>`SELECT count(*) FROM articles`;
    expect(Number(row?.count)).toBeGreaterThan(20);
  } finally {
    await sql.end({ timeout: 1 });
  }
  expect((await search(cari('pembangunan'))).slugs).toEqual(expect.arrayContaining(BUILDING.slice(0, 1)));
});

test('a story published with npm run publish is found within 5 s, and gone within 5 s of its takedown', async () => {
  test.setTimeout(120_000);
  const slug = 'pembangunan-bendungan-karian-rampung';
  const title = 'Pembangunan Bendungan Karian Rampung';
  expect((await search(cari('bendungan karian'))).slugs).toEqual([]);
  const published = await npm(['publish', '--', writePublishedStory(drafts, { translationId: slug, slug, title }), '--site', server.url]);
  expect(published.code, published.stderr).toBe(0);
  await expect(async () => {
    const found = await search(cari('membangun bendungan'));
    expect(found.slugs[0]).toBe(slug);
  }).toPass({ timeout: VISIBLE_WITHIN, intervals: [100, 250, 500] });

  const takenDown = await npm(['publish', '--', '--unpublish', slug]);
  expect(takenDown.code, takenDown.stderr).toBe(0);
  await expect(async () => {
    expect((await search(cari('bendungan karian'))).slugs).toEqual([]);
    // The database stops finding it at the commit; the page goes once the instance has heard.
    expect((await fetch(new URL(`/id/berita/${slug}`, server.url))).status).toBe(410);
  }).toPass({ timeout: VISIBLE_WITHIN, intervals: [100, 250, 500] });
});
