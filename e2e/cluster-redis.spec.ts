import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { createClient } from 'redis';
import { startRedis, type TestRedis } from './support/redis';
import { startServer, type TestServer } from './support/server';
import { SEED_EN_PATH, SEED_PATH } from './support/stories';

// Two instances of the site behind one Redis (issue 12, part 1): two `next start` of the same
// build, on the same copy of the content, sharing their page cache through a redis-server this spec
// starts on a free port (so it can stop it without touching anyone else's). A page rendered on one
// is served from the cache on the other; a publish or a takedown through one reaches the other
// within 5 s; with Redis down both still answer, logging it once; when it is back, they share again.

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-0123456789abcdefghijkl';
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
const VISIBLE_WITHIN = 5_000;
const PREFIX = `kabar-e2e-${BASE_PORT}:`;
const UNAVAILABLE = /\[cache\] Redis at \S+ is unavailable/g;

let redis: TestRedis | undefined;
let skipped = '';
let a: TestServer;
let b: TestServer;
let store: string;
let drafts: string;

test.describe.configure({ mode: 'serial' });

async function get(server: TestServer, pathname: string) {
  const response = await fetch(new URL(pathname, server.url), { redirect: 'manual' });
  return { status: response.status, cache: response.headers.get('x-nextjs-cache'), text: await response.text() };
}

/** The page keys in Redis that end with `pathname` (the internal path: /id/news/…). */
async function storedKeys(pathname: string): Promise<string[]> {
  const client = createClient({ url: redis!.url });
  await client.connect();
  try {
    return (await client.keys(`${PREFIX}page:*`)).filter((key) => key.endsWith(`$${pathname}`));
  } finally {
    await client.close();
  }
}

const internal = (publicPath: string) => publicPath.replace('/id/berita/', '/id/news/');

async function publish(...args: string[]) {
  const { stdout } = await execFileAsync('npm', ['run', '-s', 'publish', '--', ...args], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: store, REVALIDATE_SECRET: SECRET, SITE_URL: a.url },
  });
  expect(stdout).toContain('acknowledged');
}

async function within(ms: number, check: () => Promise<void>) {
  await expect(async () => check()).toPass({ timeout: ms, intervals: [100, 250, 500] });
}

/** Renders `publicPath` on A, waits until it is in Redis, then asks B, whose first answer must be A's render. */
async function renderedOnAServedByB(publicPath: string) {
  const onA = await get(a, publicPath);
  expect(onA.status).toBe(200);
  await expect.poll(async () => (await storedKeys(internal(publicPath))).length, { timeout: 5_000 }).toBeGreaterThan(0);
  const onB = await get(b, publicPath);
  expect(onB.status).toBe(200);
  expect(onB.cache, `${publicPath}: B's first answer comes from the shared cache`).toBe('HIT');
  expect(onB.text).toBe(onA.text);
}

test.beforeAll(async () => {
  test.setTimeout(180_000); // may install Debian's redis-server first
  const started = await startRedis();
  if ('skipped' in started) {
    skipped = started.skipped;
    console.log(`cluster-redis: skipped, ${skipped}`);
    return;
  }
  redis = started;
  store = mkdtempSync(path.join(tmpdir(), 'kabar-cluster-store-'));
  drafts = mkdtempSync(path.join(tmpdir(), 'kabar-cluster-drafts-'));
  cpSync(process.env.E2E_CONTENT_DIR ?? path.join(root, 'content'), store, { recursive: true });
  const env = { CONTENT_DIR: store, REVALIDATE_SECRET: SECRET, REDIS_URL: redis.url, REDIS_KEY_PREFIX: PREFIX };
  [a, b] = await Promise.all([startServer({ port: BASE_PORT + 20, env }), startServer({ port: BASE_PORT + 21, env })]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.remove();
  for (const dir of [store, drafts]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(!redis, `no redis-server on this machine: ${skipped}`);
});

test('a page rendered on instance A is a cache hit on instance B, with the same bytes', async () => {
  await renderedOnAServedByB(SEED_PATH);
  await renderedOnAServedByB(SEED_EN_PATH);
});

test('a story published through A is on B within 5 s, and a takedown through A too', async () => {
  const slug = 'klaster-uji-terbit';
  const title = 'Klaster uji terbit';
  // B has the home page cached from before the publish.
  await get(b, '/id');
  expect((await get(b, '/id')).text).not.toContain(title);
  const now = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const file = path.join(drafts, 'klaster.md');
  writeFileSync(
    file,
    `---\ntranslationId: klaster-uji\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan ${title}."\nsection: business\npublishedAt: "${now}"\nupdatedAt: "${now}"\nsource:\n  name: Cnbc\ntags: [uji]\nstatus: published\n---\nIsi berita ${title}.\n`,
  );
  await publish(file);
  await within(VISIBLE_WITHIN, async () => {
    expect((await get(b, `/id/berita/${slug}`)).status).toBe(200);
    expect((await get(b, '/id')).text).toContain(title);
  });

  await publish('--unpublish', 'klaster-uji');
  await within(VISIBLE_WITHIN, async () => {
    expect((await get(b, `/id/berita/${slug}`)).status).toBe(410);
    expect((await get(b, '/id')).text).not.toContain(title);
  });
});

test('with Redis down both instances answer 200, each logging it once; once it is back, B serves A\'s render again', async () => {
  await redis!.stop();
  const paths = ['/id', '/en', SEED_PATH, SEED_EN_PATH, '/id/rubrik/ekonomi'];
  for (let round = 0; round < 3; round++) {
    for (const server of [a, b]) {
      for (const pathname of paths) {
        const started = Date.now();
        expect((await get(server, pathname)).status, `${server.url}${pathname} with Redis down`).toBe(200);
        expect(Date.now() - started, 'no request waits on a Redis that is not there').toBeLessThan(5_000);
      }
    }
  }
  for (const server of [a, b]) expect(server.output().match(UNAVAILABLE), `${server.url} logs the outage once`).toHaveLength(1);

  await redis!.start();
  await within(15_000, async () => {
    for (const server of [a, b]) expect(server.output()).toContain('pages are shared again');
  });
  await renderedOnAServedByB(SEED_PATH);
  for (const server of [a, b]) expect(server.output().match(UNAVAILABLE)).toHaveLength(1);
});
