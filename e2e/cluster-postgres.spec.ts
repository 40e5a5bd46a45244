import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { signPreviewToken } from '../lib/preview/token.mjs';
import { createDatabase, startPrivateCluster, type PrivateCluster } from './support/postgres';
import { startServer, type TestServer } from './support/server';
import { SEED_EN_PATH, SEED_PATH } from './support/stories';
import { freePort } from './support/tools';

// Two instances of the site on one PostgreSQL content store (issue 12, part 2): two `next start`
// of the e2e build with DATABASE_URL, on a PostgreSQL cluster this spec creates (initdb in a
// temporary folder, a free port), so that it may stop it without touching anyone else's. The
// schema comes from `npm run db:migrate`, the articles from `npm run content:import`; each
// instance is given an empty CONTENT_DIR, so everything it shows came from the database.
//
// A publish, a correction and a takedown through A reach B within 5 s by NOTIFY alone (B is never
// told over HTTP); with PostgreSQL stopped both keep serving the last good content, and a publish
// fails with one clear line and exit code 4; once it is back, the publish goes through, B shows it
// within 5 s, and everything published before is still there.

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-0123456789abcdefghijkl';
const METRICS_TOKEN = 'e2e-cluster-pg-metrics-token-0123456789';
const VISIBLE_WITHIN = 5_000;
const CONTENT = process.env.E2E_CONTENT_DIR ?? path.join(root, 'content');

let cluster: PrivateCluster | undefined;
let skipped = '';
let databaseUrl: string;
let a: TestServer;
let b: TestServer;
let emptyFolder: string;
let drafts: string;
const timings: string[] = [];

test.describe.configure({ mode: 'serial' });

async function get(server: TestServer, pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(pathname, server.url), { redirect: 'manual', headers });
  return { status: response.status, text: await response.text(), response };
}

/** Runs an npm command as an editor or an operator would, with this spec's database; never throws. */
async function npm(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['run', '-s', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, REVALIDATE_SECRET: SECRET, CONTENT_DIR: emptyFolder, SITE_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function draftFile(name: string, { slug, title, status = 'published', translationId = slug }: { slug: string; title: string; status?: string; translationId?: string }) {
  const file = path.join(drafts, name);
  const at = iso(Date.now() - 60_000);
  writeFileSync(
    file,
    `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan ${title}."\nsection: business\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\ntags: [uji]\nstatus: ${status}\n---\nIsi berita ${title}.\n`,
  );
  return file;
}

/** Waits until `check` passes, at most `ms`; returns how long it took. */
async function within(ms: number, check: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await expect(async () => check()).toPass({ timeout: ms, intervals: [50, 100, 250] });
  return Date.now() - started;
}

test.beforeAll(async () => {
  test.setTimeout(300_000); // may install Debian's postgresql first; two servers start on a busy machine
  const started = await startPrivateCluster();
  if ('skipped' in started) {
    skipped = started.skipped;
    console.log(`cluster-postgres: skipped, ${skipped}`);
    return;
  }
  cluster = started;
  databaseUrl = (await createDatabase(cluster.serverUrl)).url;
  emptyFolder = mkdtempSync(path.join(tmpdir(), 'kabar-pg-empty-'));
  drafts = mkdtempSync(path.join(tmpdir(), 'kabar-pg-drafts-'));

  const migrated = await npm(['db:migrate']);
  expect(migrated.stdout, migrated.stderr).toContain('applied 001-content-store');
  expect((await npm(['db:migrate'])).stdout).toContain('up to date');
  const imported = await npm(['content:import', '--', CONTENT]);
  expect(imported.code, imported.stderr).toBe(0);
  const [, added] = /: (\d+) added, 0 changed, 0 unchanged/.exec(imported.stdout) ?? [];
  expect(Number(added), imported.stdout).toBeGreaterThan(20);
  // Idempotent: the same folder again changes nothing.
  expect((await npm(['content:import', '--', CONTENT])).stdout).toContain(`0 added, 0 changed, ${added} unchanged`);

  const env = { DATABASE_URL: databaseUrl, CONTENT_DIR: emptyFolder, REVALIDATE_SECRET: SECRET, METRICS_TOKEN };
  const [portA, portB] = [await freePort(), await freePort()];
  [a, b] = await Promise.all([startServer({ port: portA, env }), startServer({ port: portB, env })]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  cluster?.remove();
  for (const dir of [emptyFolder, drafts]) if (dir) rmSync(dir, { recursive: true, force: true });
  if (timings.length) console.log(`cluster-postgres: publish → visible on B: ${timings.join('; ')}`);
});

test.beforeEach(() => {
  test.skip(!cluster, `no PostgreSQL cluster of its own on this machine: ${skipped}`);
});

test('both instances serve the imported content from the database, with an empty content folder', async () => {
  for (const server of [a, b]) {
    expect((await get(server, SEED_PATH)).status).toBe(200);
    expect((await get(server, SEED_EN_PATH)).status).toBe(200);
  }
});

test('a story published through A is on B within 5 s; so are a correction and a takedown', async () => {
  test.setTimeout(180_000); // three commands, each a Node process with tsx, on a busy machine
  const slug = 'pg-uji-terbit';
  const title = 'Berita basis data terbit';
  await get(b, '/id'); // B has the home page cached from before the publish
  expect((await get(b, `/id/berita/${slug}`)).status).toBe(404);

  // Published through A: A acknowledges over HTTP; B hears of it only from PostgreSQL.
  const published = await npm(['publish', '--', draftFile('terbit.md', { slug, title }), '--site', a.url]);
  expect(published.code, published.stderr).toBe(0);
  expect(published.stdout).toContain('acknowledged');
  let took = await within(VISIBLE_WITHIN, async () => {
    expect((await get(b, `/id/berita/${slug}`)).status).toBe(200);
    expect((await get(b, '/id')).text).toContain(title);
  });
  timings.push(`publish ${took} ms`);

  const corrected = await npm(['publish', '--', draftFile('terbit.md', { slug, title: `${title} (dikoreksi)` })]);
  expect(corrected.code, corrected.stderr).toBe(0);
  expect(corrected.stdout).toContain('every running instance');
  took = await within(VISIBLE_WITHIN, async () => {
    for (const server of [a, b]) expect((await get(server, `/id/berita/${slug}`)).text).toContain(`${title} (dikoreksi)`);
  });
  timings.push(`correction ${took} ms`);

  const takenDown = await npm(['publish', '--', '--unpublish', slug]);
  expect(takenDown.code, takenDown.stderr).toBe(0);
  took = await within(VISIBLE_WITHIN, async () => {
    for (const server of [a, b]) {
      expect((await get(server, `/id/berita/${slug}`)).status).toBe(410);
      expect((await get(server, '/id')).text).not.toContain(title);
    }
  });
  timings.push(`takedown ${took} ms`);

  // B heard of each change only from PostgreSQL, and measured its publish lag from the commit.
  const metrics = await (await fetch(`${b.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  expect(Number(/^kabar_publish_lag_seconds_count (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(3);
  expect(Number(/^kabar_publish_lag_seconds_bucket\{le="10"\} (\d+)$/m.exec(metrics)?.[1]), 'each within 10 s').toBeGreaterThanOrEqual(3);
});

test('a draft saved to the database is previewed on B with a signed link, and stays off the public pages', async () => {
  test.setTimeout(120_000);
  const slug = 'pg-uji-draf';
  const title = 'Draf basis data untuk pratinjau';
  const saved = await npm(['publish', '--', draftFile('draf.md', { slug, title, status: 'draft' })]);
  expect(saved.code, saved.stderr).toBe(0);
  const token = signPreviewToken({ translationId: slug, locale: 'id', expiresAt: Math.floor(Date.now() / 1000) + 600 }, process.env.PREVIEW_SECRET!);
  await within(VISIBLE_WITHIN, async () => {
    const opened = await get(b, `/api/preview?token=${encodeURIComponent(token)}`);
    expect(opened.status, opened.text).toBeGreaterThanOrEqual(300);
    expect(opened.status).toBeLessThan(400);
    const cookie = opened.response.headers
      .getSetCookie()
      .map((c) => c.split(';', 1)[0])
      .join('; ');
    const location = opened.response.headers.get('location')!;
    const page = await get(b, new URL(location, b.url).pathname, { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain(title);
    expect(page.text).toContain('Pratinjau draf');
  });
  expect((await get(b, `/id/berita/${slug}`)).status).toBe(404);
});

test('with PostgreSQL stopped the last good pages are served and a publish fails clearly; once it is back the publish goes through and nothing is lost', async () => {
  test.setTimeout(180_000);
  cluster!.stop();
  const paths = ['/id', '/en', SEED_PATH, SEED_EN_PATH, '/id/rubrik/ekonomi', '/en/section/business'];
  for (const server of [a, b]) {
    for (const pathname of paths) expect((await get(server, pathname)).status, `${server.url}${pathname} with PostgreSQL down`).toBe(200);
    expect((await get(server, '/id/berita/pg-uji-terbit')).status, 'a takedown stays a takedown').toBe(410);
  }

  const slug = 'pg-uji-setelah-pulih';
  const title = 'Berita terbit setelah basis data pulih';
  const file = draftFile('pulih.md', { slug, title });
  const refused = await npm(['publish', '--', file, '--site', a.url]);
  expect(refused.code).toBe(4);
  expect(refused.stderr.trim()).toMatch(/^publish: Cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/kabar_test_[0-9a-f]+ \(DATABASE_URL\): .+\. Nothing was published\.$/);
  expect(refused.stdout).toBe('');
  for (const server of [a, b]) {
    expect((await get(server, `/id/berita/${slug}`)).status).toBe(404);
    expect((await get(server, SEED_PATH)).status).toBe(200);
    expect(server.output()).toContain('lost the connection to the PostgreSQL database');
  }

  // A new instance cannot start without its content: it waits for the database (here 2 s), then
  // exits with the reason, rather than answering 500 for good.
  const starting = await startServer({ port: await freePort(), env: { DATABASE_URL: databaseUrl, CONTENT_DIR: emptyFolder, DATABASE_START_WAIT_MS: '2000' } }).then(
    async (server) => {
      await server.stop();
      return 'it started';
    },
    (error: Error) => error.message,
  );
  expect(starting).toMatch(/exited with 1/);
  expect(starting).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/kabar_test_[0-9a-f]+ \(DATABASE_URL\): .+ The site cannot start without its content\./);

  cluster!.start();
  // At once: B may not be connected again yet, and must still catch up (it re-reads everything on reconnecting).
  const published = await npm(['publish', '--', file, '--site', a.url]);
  expect(published.code, published.stderr).toBe(0);
  const took = await within(VISIBLE_WITHIN, async () => {
    expect((await get(b, `/id/berita/${slug}`)).text).toContain(title);
    expect((await get(b, '/id')).text).toContain(title);
  });
  timings.push(`publish right after PostgreSQL restarted ${took} ms`);

  // Nothing acknowledged was lost: the correction, the takedown and the draft survived the restart.
  for (const server of [a, b]) {
    expect((await get(server, '/id/berita/pg-uji-terbit')).status).toBe(410);
    expect((await get(server, SEED_PATH)).status).toBe(200);
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ file: string; status: string; source: string }[]>`SELECT file, status, source FROM articles WHERE file LIKE 'id/pg-uji-%' ORDER BY file`;
    expect(rows.map((r) => [r.file, r.status])).toEqual([
      ['id/pg-uji-draf.md', 'draft'],
      ['id/pg-uji-setelah-pulih.md', 'published'],
      ['id/pg-uji-terbit.md', 'draft'],
    ]);
    expect(rows[2]!.source).toContain('(dikoreksi)');
    expect(await sql`SELECT slug FROM takedowns`).toEqual([{ slug: 'pg-uji-terbit' }]);
  } finally {
    await sql.end({ timeout: 1 });
  }
  for (const server of [a, b]) expect(server.output()).toContain('connected again to the PostgreSQL database');
  // What an operator sees of it in /metrics: one outage, one reconnect, the store up again.
  for (const server of [a, b]) {
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics, server.url).toMatch(/^kabar_store_outages_total\{store="postgres"\} 1$/m);
    expect(metrics, server.url).toMatch(/^kabar_store_reconnects_total\{store="postgres"\} 1$/m);
    expect(metrics, server.url).toMatch(/^kabar_store_up\{store="postgres"\} 1$/m);
  }
});
