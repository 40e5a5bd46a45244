import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { generate, story as generatedStoryOf } from '../bench/archive.mjs';
import { migrate, testDatabase, type TestDatabase } from './support/postgres';
import { startServer, type TestServer } from './support/server';

// Issue 26: a publish never re-reads the archive. At 10,000 stories per language, `npm run publish`
// checks the rules across stories (one slug per language, one version per language) against the
// few stories the change can touch: in PostgreSQL by indexed queries (it says how many rows it
// read), in the folder through the memory of earlier publishes (it says how many files it read).

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-0123456789abcdefghijkl';
const PORT = Number(process.env.E2E_PORT ?? 3100) + 12;
const PER_LANGUAGE = 10_000;

test.describe.configure({ mode: 'serial' });

let archive: string;
let drafts: string;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function draft(slug: string, title: string, translationId = slug): string {
  const at = iso(Date.now() - 60_000);
  const file = path.join(drafts, `${slug}.md`);
  writeFileSync(
    file,
    `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan ${title}."\nsection: business\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\nstatus: published\n---\nIsi berita ${title}.\n`,
  );
  return file;
}

async function npm(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['run', '-s', ...args], { cwd: root, env: { ...process.env, PUBLISH_LOCK_WAIT_MS: '', ...env }, maxBuffer: 64 << 20 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const countOf = (out: string, pattern: RegExp) => Number(pattern.exec(out)?.[1] ?? NaN);

test.beforeAll(() => {
  archive = mkdtempSync(path.join(tmpdir(), 'kabar-archive-'));
  drafts = mkdtempSync(path.join(tmpdir(), 'kabar-archive-drafts-'));
  generate(archive, PER_LANGUAGE);
});

test.afterAll(() => {
  rmSync(archive, { recursive: true, force: true });
  rmSync(drafts, { recursive: true, force: true });
});

test.describe('in PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let skipped = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const made = await testDatabase();
    if ('skipped' in made) return void (skipped = made.skipped);
    db = made;
    migrate(db.url);
    const started = Date.now();
    const imported = await npm({ DATABASE_URL: db.url }, 'content:import', '--', archive);
    console.log(`content:import of ${2 * PER_LANGUAGE} stories took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(imported.code, imported.out).toBe(0);
  });

  test.afterAll(async () => {
    await db?.remove();
  });

  test('a publish, an update, a clash and a takedown each read the rows they name, not the 20,000 stories', async () => {
    test.skip(!db, `no PostgreSQL: ${skipped}`);
    const env = { DATABASE_URL: db!.url, SITE_URL: '' };
    const fresh = await npm(env, 'publish', '--', draft('berita-baru-arsip-besar', 'Berita baru di arsip besar'));
    expect(fresh.code, fresh.out).toBe(0);
    expect(fresh.out).toContain('new: id/berita-baru-arsip-besar.md');
    expect(countOf(fresh.out, /checked against (\d+) stored stor/)).toBe(0);

    const again = await npm(env, 'publish', '--', draft('berita-baru-arsip-besar', 'Berita baru, diperbarui'));
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('updated: id/berita-baru-arsip-besar.md');
    expect(countOf(again.out, /checked against (\d+) stored stor/)).toBe(1);

    // Another story's slug: refused, naming the story that has it, after reading only that one.
    const { slug: taken } = generatedStory('id', 42);
    const clash = await npm(env, 'publish', '--', draft(taken, 'Mencuri slug', 'cerita-lain'));
    expect(clash.code).toBe(1);
    expect(clash.out).toContain(`"${taken}" is already used by id/${taken}.md`);
    expect(clash.out).toContain('nothing was changed');

    const down = await npm(env, 'publish', '--', '--unpublish', 'berita-baru-arsip-besar');
    expect(down.code, down.out).toBe(0);
    expect(down.out).toContain('taken down: id/berita-baru-arsip-besar.md');
    expect(countOf(down.out, /checked against (\d+) stored stor/)).toBe(1);
  });
});

test.describe('in the content folder', () => {
  let server: TestServer;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startServer({ port: PORT, env: { CONTENT_DIR: archive, REVALIDATE_SECRET: SECRET, DATABASE_URL: '' } });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('after the first publish has remembered the folder, a publish reads only the files that changed', async () => {
    test.setTimeout(180_000);
    const env = { CONTENT_DIR: archive, REVALIDATE_SECRET: SECRET, SITE_URL: server.url };
    // The first publish on a folder that no publish has read yet reads it all, once, and remembers it.
    const first = await npm(env, 'publish', '--', draft('pembuka-memori', 'Pembuka memori'));
    expect(first.code, `${first.out}\nserver:\n${server.output().slice(-3000)}`).toBe(0);
    expect(countOf(first.out, /read (\d+) of \d+ stored/)).toBe(2 * PER_LANGUAGE);

    const next = await npm(env, 'publish', '--', draft('berita-folder-besar', 'Berita di folder besar'));
    expect(next.code, next.out).toBe(0);
    expect(next.out).toContain('acknowledged');
    // The new file itself, and nothing else of the 20,001 stories.
    expect(next.out).toMatch(/read 0 of 20001 stored stories/);
    const page = await fetch(`${server.url}/id/berita/berita-folder-besar`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Berita di folder besar');

    // A story changed by hand in the folder is read again; the rest still is not.
    writeFileSync(path.join(archive, 'id', `${generatedStory('id', 7).slug}.md`), generatedStory('id', 7).file.replace('status: published', 'status: draft'));
    const third = await npm(env, 'publish', '--', draft('berita-folder-besar', 'Berita di folder besar, diperbarui'));
    expect(third.code, third.out).toBe(0);
    expect(third.out).toMatch(/read 1 of 20002 stored stories/);
  });
});

function generatedStory(locale: 'id' | 'en', i: number): { slug: string; file: string } {
  return generatedStoryOf(locale, i);
}
