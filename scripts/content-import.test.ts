import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, testDatabase, type TestDatabase } from '../e2e/support/postgres';
import { parseArticle } from '@/lib/content/parse';
import { articleRow, importFolder, listArticleFiles, upsertArticles } from '@/lib/content/pg-import';
import { transactContent } from '@/lib/content/pg-writer';

// `npm run content:import` against a real PostgreSQL, in a database of this run's own, as an
// operator runs it: what it prints, its exit code, what is in the database afterwards. The import
// reads the folder in batches (lib/content/pg-import.ts); small batches here make every rule cross
// a batch boundary.

const ROOT = path.resolve(__dirname, '..');
const at = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function story(slug: string, { locale = 'id', title = `Judul ${slug}`, translationId = slug, body = 'Isi berita tentang kerjasama dan pembangunan.', status = 'published' } = {}) {
  return `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: ${locale}\ntitle: "${title}"\nsummary: "Ringkasan ${slug}."\nsection: world\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\ntags: [uji]\nstatus: ${status}\n---\n${body}\n`;
}

/** A content folder: { "id/a.md": source, … }. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-import-'));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  folders.push(dir);
  return dir;
}

const folders: string[] = [];
let db: TestDatabase | undefined;
let skipped = '';
let sql: postgres.Sql;

function contentImport(dir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-import.ts', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db!.url, ...env } });
}

const rows = async () => (await sql<{ file: string; slug: string }[]>`SELECT file, slug FROM articles ORDER BY file`).map((r) => `${r.file}:${r.slug}`);

beforeAll(async () => {
  const made = await testDatabase();
  if ('skipped' in made) {
    skipped = made.skipped;
    console.log(`content-import: skipped, ${skipped}`);
    return;
  }
  db = made;
  migrate(db.url);
  sql = postgres(db.url, { max: 1, onnotice: () => {} });
}, 120_000);

afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await db?.remove();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

// Each case runs the command (a Node process with tsx) up to three times, on a machine that may be busy.
describe('npm run content:import', { timeout: 60_000 }, () => {
  it('lists the files the folder store reads: Markdown by language, not README.md, nothing in or named with a dot', async () => {
    const dir = folder({ 'id/b.md': 'x', 'id/a.md': 'x', 'en/c.md': 'x', 'README.md': 'x', 'id/.hidden.md': 'x', '.drafts/d.md': 'x', 'id/notes.txt': 'x', 'top.md': 'x' });
    expect(await listArticleFiles(dir)).toEqual(['en/c.md', 'id/a.md', 'id/b.md', 'top.md']);
  });

  it('imports a folder, then changes nothing the second time; a changed file is written again; takedowns come along', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const dir = folder({
      'id/satu.md': story('satu'),
      'id/dua.md': story('dua'),
      'en/one.md': story('one', { locale: 'en', translationId: 'satu', title: 'One' }),
      '.takedowns.json': JSON.stringify([{ translationId: 'lama', locale: 'id', slug: 'lama', at }]),
    });
    const first = contentImport(dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(': 3 added, 0 changed, 0 unchanged; 1 takedowns recorded.');
    expect(await rows()).toEqual(['en/one.md:one', 'id/dua.md:dua', 'id/satu.md:satu']);
    expect((await sql`SELECT slug FROM takedowns`).map((r) => r.slug)).toEqual(['lama']);

    const again = contentImport(dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(': 0 added, 0 changed, 3 unchanged; 0 takedowns recorded.');

    writeFileSync(path.join(dir, 'id/dua.md'), story('dua', { title: 'Judul baru' }));
    const changed = contentImport(dir);
    expect(changed.stdout).toContain(': 0 added, 1 changed, 2 unchanged; 0 takedowns recorded.');
    const [row] = await sql<{ meta: { title: string } }[]>`SELECT meta FROM articles WHERE file = 'id/dua.md'`;
    expect(row!.meta.title).toBe('Judul baru');
  });

  it('writes the same columns a publish writes: meta, publication time, search words, snippet text', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const source = story('kolom', { body: 'Kedua negara **bekerja sama** dalam pembangunan jalan.' });
    await importFolder(db.url, folder({ 'id/kolom.md': source }));
    const columns = async () => (await sql`SELECT hash, translation_id, locale, slug, status, meta, published_at, search::text AS search, search_text FROM articles WHERE file = 'id/kolom.md'`)[0];
    const imported = await columns();
    // The same file through the publish path (upsertArticle, row by row): nothing differs.
    await transactContent(db.url, (tx) => tx.write([{ file: 'id/kolom.md', source: `${source} ` }]));
    await transactContent(db.url, (tx) => tx.write([{ file: 'id/kolom.md', source }]));
    expect(await columns()).toEqual(imported);
    // And the batch writer with the search words stemmed in the same statement.
    await upsertArticles(sql, [articleRow('id/kolom.md', source, parseArticle('id/kolom.md', source))]);
    expect(await columns()).toEqual(imported);
    expect(imported!.search).toContain("'kerja'");
    expect(imported!.search).toContain("'bangun'");
    const [found] = await sql`SELECT count(*)::int AS n FROM articles WHERE search @@ plainto_tsquery('indonesian', 'membangun kerja sama') AND file = 'id/kolom.md'`;
    expect(found!.n).toBe(1);
  });

  it('refuses a folder with a slug twice in one language, across batches: names both files and the field, exit 1, nothing written', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const before = await rows();
    const dir = folder({ 'id/aa.md': story('kembar', { translationId: 'aa' }), 'id/ab.md': story('ab'), 'id/ac.md': story('ac'), 'id/zz.md': story('kembar', { translationId: 'zz' }) });
    await expect(importFolder(db.url, dir, { batchSize: 2 })).rejects.toThrow('id/zz.md: field "slug" "kembar" is already used by id/aa.md in locale "id": slugs must be unique per language');
    const run = contentImport(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^content:import: nothing was changed\. Content is invalid \(1 problem\):\n {2}- id\/zz\.md: field "slug"/);
    expect(await rows()).toEqual(before);
  });

  it('refuses a slug or a story version that a file outside the folder holds in the database', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    await transactContent(db.url, (tx) => tx.write([{ file: 'id/di-basis-data.md', source: story('dipakai', { translationId: 'cerita-db' }) }]));
    const before = await rows();
    const run = contentImport(folder({ 'id/baru.md': story('dipakai', { translationId: 'baru' }), 'id/versi.md': story('versi', { translationId: 'cerita-db' }) }));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('id/baru.md: field "slug" "dipakai" is already used by id/di-basis-data.md in locale "id": slugs must be unique per language (id/di-basis-data.md is in the database, not in this folder)');
    expect(run.stderr).toContain('id/versi.md: field "translationId" "cerita-db" already has a "id" version in id/di-basis-data.md');
    expect(await rows()).toEqual(before);
  });

  it('lets the folder move a slug between its own files (two stories swap slugs): the database as it will be', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    await transactContent(db.url, (tx) => tx.write([{ file: 'id/tukar-a.md', source: story('slug-a', { translationId: 'tukar-a' }) }, { file: 'id/tukar-b.md', source: story('slug-b', { translationId: 'tukar-b' }) }]));
    const dir = folder({ 'id/tukar-a.md': story('slug-b', { translationId: 'tukar-a' }), 'id/tukar-b.md': story('slug-a', { translationId: 'tukar-b' }) });
    const run = contentImport(dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(': 0 added, 2 changed, 0 unchanged');
    expect(await rows()).toEqual(expect.arrayContaining(['id/tukar-a.md:slug-b', 'id/tukar-b.md:slug-a']));
  });

  it('names every invalid file and field, not only the first, and changes nothing', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const before = await rows();
    const run = contentImport(folder({ 'id/baik.md': story('baik'), 'id/rusak.md': story('rusak').replace('section: world', 'section: olahraga'), 'en/broken.md': story('broken', { locale: 'en' }).replace(/^title: .*$/m, 'title: ""') }));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Content is invalid (2 problems)');
    expect(run.stderr).toContain('id/rusak.md: field "section" must be one of the sections');
    expect(run.stderr).toContain('en/broken.md: field "title" must not be empty');
    expect(await rows()).toEqual(before);
  });

  it('lists the first 100 problems of a badly generated folder and counts the rest', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const broken = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`id/rusak-${String(i).padStart(3, '0')}.md`, story(`rusak-${i}`).replace('status: published', 'status: terbit')]));
    const error = await importFolder(db.url, folder(broken), { batchSize: 50 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Content is invalid \(130 problems, the first 100 listed\):\n {2}- id\/rusak-000\.md: field "status" must be "published" or "draft"/);
    expect((error as Error).message).toContain('id/rusak-099.md');
    expect((error as Error).message).not.toContain('id/rusak-100.md');
    expect((error as Error).message).toMatch(/… and 30 more$/);
  });

  it('sends one NOTIFY: the files it wrote, or "re-read everything" when they are too many to name', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const listener = postgres(db.url, { max: 1, onnotice: () => {} });
    const payloads: string[] = [];
    try {
      await listener.listen('kabar_content', (payload) => void payloads.push(payload));
      await importFolder(db.url, folder({ 'id/kabar-1.md': story('kabar-1'), 'id/kabar-2.md': story('kabar-2') }));
      const many = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`en/many-${i}.md`, story(`many-${i}`, { locale: 'en' })]));
      const counts = await importFolder(db.url, folder(many), { batchSize: 128 });
      expect(counts).toMatchObject({ files: 600, added: 600 });
      await expect.poll(() => payloads.length).toBe(2);
      expect(JSON.parse(payloads[0]!)).toMatchObject({ files: ['id/kabar-1.md', 'id/kabar-2.md'] });
      expect(payloads[1]).toBe('{}');
    } finally {
      await listener.end({ timeout: 1 });
    }
  });

  it('explains a missing DATABASE_URL or folder (exit 2) and an unreachable database (exit 4)', () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const noUrl = contentImport('content', { DATABASE_URL: '' });
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain('DATABASE_URL is not set');
    const noFolder = contentImport('/nonexistent/kabar-content');
    expect(noFolder.status).toBe(2);
    expect(noFolder.stderr).toContain('/nonexistent/kabar-content does not exist. Nothing was changed.');
    const down = contentImport('content', { DATABASE_URL: 'postgres://kabar@127.0.0.1:1/kabar' });
    expect(down.status).toBe(4);
    expect(down.stderr).toMatch(/^content:import: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/kabar \(DATABASE_URL\)/);
  });
});
