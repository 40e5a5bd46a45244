import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { parse } from 'node-html-parser';
import { signNotification } from '../lib/publish/webhook';
import { startRedis, type TestRedis } from './support/redis';
import { logMessages, startServer, type TestServer } from './support/server';
import { SEED_PATH, writePublishedStory } from './support/stories';
import { freePort, within } from './support/tools';
import { startVarnish, type TestVarnish } from './support/varnish';

// Publishing with several instances behind Varnish (issue 22, items 5 and 6): two `next start` of
// the e2e build on one copy of the content, sharing a Redis of the spec's own (its own port and key
// prefix), with PURGE_URL pointing at the purge listener of a varnishd of the spec's own running the repository's VCL.

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-0123456789abcdefghijkl';
const VISIBLE_WITHIN = 5_000;

let varnish: TestVarnish | undefined;
let redis: TestRedis | undefined;
let skipped = '';
let a: TestServer | undefined;
let b: TestServer | undefined;
let store: string;
let drafts: string;

test.describe.configure({ mode: 'serial' });

async function get(base: string, pathname: string) {
  const response = await fetch(new URL(pathname, base), { redirect: 'manual' });
  return { status: response.status, cache: response.headers.get('x-cache'), text: await response.text() };
}

async function publish(...args: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['run', '-s', 'publish', '--', ...args], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: store, REVALIDATE_SECRET: SECRET, SITE_URL: a!.url, DATABASE_URL: '', PUBLISH_LOCK_WAIT_MS: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const writeStory = (story: { translationId: string; slug: string; title: string }) => writePublishedStory(drafts, story);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const startedRedis = await startRedis();
  if ('skipped' in startedRedis) {
    skipped = startedRedis.skipped;
    return;
  }
  redis = startedRedis;
  store = mkdtempSync(path.join(tmpdir(), 'kabar-front-publishing-store-'));
  drafts = mkdtempSync(path.join(tmpdir(), 'kabar-front-publishing-drafts-'));
  cpSync(process.env.E2E_CONTENT_DIR ?? path.join(root, 'content'), store, { recursive: true });
  const [varnishPort, purgePort, portA, portB] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env = {
    CONTENT_DIR: store,
    REVALIDATE_SECRET: SECRET,
    // Purges go to Varnish's purge listener; its public one refuses them (decision 021).
    PURGE_URL: `http://127.0.0.1:${purgePort}/`,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `e2e-front-publishing-${randomBytes(4).toString('hex')}:`,
    DATABASE_URL: '',
  };
  [a, b] = await Promise.all([startServer({ port: portA, env }), startServer({ port: portB, env })]);
  const started = await startVarnish({ backendPorts: [portA, portB], port: varnishPort, purgePort });
  if ('skipped' in started) {
    skipped = started.skipped;
    return;
  }
  varnish = started;
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await varnish?.stop();
  await redis?.remove();
  for (const dir of [store, drafts]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(!varnish || !redis, `no varnishd with xkey or no redis-server on this machine: ${skipped}`);
});

test('a takedown while another file in the store is broken: the command succeeds, and the story answers 410 through Varnish while the rest stays', async () => {
  const title = 'Ditarik saat ada berkas rusak';
  const published = await publish(writeStory({ translationId: 'tarik-saat-rusak', slug: 'tarik-saat-rusak', title }));
  expect(published.code, published.stderr).toBe(0);
  const storyPath = '/id/berita/tarik-saat-rusak';
  await within(VISIBLE_WITHIN, async () => expect((await get(varnish!.url, storyPath)).status).toBe(200));
  // Cached in Varnish: only a purge can take it out within this test.
  await get(varnish!.url, storyPath);
  expect((await get(varnish!.url, storyPath)).cache).toBe('HIT');

  writeFileSync(path.join(store, 'id', 'rusak-di-tangan.md'), '---\ntitle: Lupa banyak kolom\n---\nIsi.\n');
  try {
    await within(VISIBLE_WITHIN, async () => {
      for (const server of [a!, b!]) expect(logMessages(server.output())).toContain('id/rusak-di-tangan.md: field "translationId" is required');
    });
    const result = await publish('--unpublish', 'tarik-saat-rusak');
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('taken down: id/tarik-saat-rusak.md');
    expect(result.stdout).toMatch(/warning: id\/rusak-di-tangan\.md: field "translationId" is required/);
    expect(result.stdout).toContain('acknowledged');
    await within(VISIBLE_WITHIN, async () => {
      const page = await get(varnish!.url, storyPath);
      expect(page.status).toBe(410);
      expect(parse(page.text).querySelector('h1')?.textContent).toBe('Berita ini telah ditarik');
      // Both instances, the one notified and the one that saw the files change.
      for (const server of [a!, b!]) expect((await get(server.url, storyPath)).status, server.url).toBe(410);
      expect((await get(varnish!.url, '/id')).text).not.toContain(title);
    });
    // The rest is the last good content.
    expect((await get(varnish!.url, SEED_PATH)).status).toBe(200);
    expect((await get(varnish!.url, '/id/berita/rusak-di-tangan')).status).toBe(404);
  } finally {
    rmSync(path.join(store, 'id', 'rusak-di-tangan.md'));
  }
  // Fixed: the store is valid again, and the story stays down.
  await within(VISIBLE_WITHIN, async () => expect(a!.output()).toContain('the content store is valid again'));
  expect((await get(varnish!.url, storyPath)).status).toBe(410);
});

test('a notification replayed against another instance sharing REDIS_URL is refused', async () => {
  const body = JSON.stringify({ reason: 'publish', files: ['id/tarik-saat-rusak.md'], nonce: randomBytes(16).toString('hex') });
  const headers = { 'Content-Type': 'application/json', ...signNotification(SECRET, body) };
  const post = (server: TestServer) => fetch(`${server.url}/api/revalidate`, { method: 'POST', headers, body });
  const first = await post(a!);
  expect(first.status, await first.clone().text()).toBe(200);
  const replayed = await post(b!);
  expect(replayed.status, 'the same notification at the other instance').toBe(401);
  expect(await replayed.text()).toContain('already received');
  // A new notification (another nonce) is accepted there.
  const fresh = JSON.stringify({ reason: 'publish', files: ['id/tarik-saat-rusak.md'], nonce: randomBytes(16).toString('hex') });
  expect((await fetch(`${b!.url}/api/revalidate`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...signNotification(SECRET, fresh) }, body: fresh })).status).toBe(200);
});
