import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startReverseProxy, type ReverseProxy } from './support/nginx';
import { startServer, type TestServer } from './support/server';
import { SEED_EN_PATH, SEED_PATH, writePublishedStory } from './support/stories';
import { freePort } from './support/tools';
import { startVarnish, type TestVarnish } from './support/varnish';

// The front cache under real traffic (issue 22): the repository's default.vcl in a varnishd of the
// spec's own, in front of one `next start` of the e2e build, through two pieces of the spec's own:
// - a proxy between Varnish and the instance that can hold an answer the instance already gave
//   (a render that started before a takedown and reaches Varnish after its purge);
// - a TCP relay between the instance's PURGE_URL and Varnish's purge listener that can be taken
//   down and brought back (Varnish unreachable for purges, as during its restart).
// And nginx on loopback in front of Varnish, as a TLS terminator on the same host forwards readers.

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-0123456789abcdefghijkl';
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);

let varnish: TestVarnish | undefined;
let skipped = '';
let instance: TestServer | undefined;
let holding: Holding | undefined;
let relay: Relay | undefined;
let nginx: ReverseProxy | undefined;
let store: string;
let drafts: string;

test.describe.configure({ mode: 'serial' });

/** A proxy to `port` that, for the paths in `held`, gets the instance's whole answer, then waits for `release()`. */
interface Holding {
  port: number;
  hold(pathname: string): { answered: Promise<void>; release: () => void };
  stop(): Promise<void>;
}

async function startHolding(port: number): Promise<Holding> {
  const held = new Map<string, { answeredNow: () => void; released: Promise<void> }>();
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, async (answer) => {
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      const pathname = req.url!.split('?')[0]!;
      const hold = held.get(pathname);
      if (hold) {
        held.delete(pathname);
        hold.answeredNow();
        await hold.released;
      }
      res.writeHead(answer.statusCode!, answer.headers).end(Buffer.concat(chunks));
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    port: listenPort,
    hold(pathname) {
      let answeredNow!: () => void;
      let release!: () => void;
      const answered = new Promise<void>((resolve) => (answeredNow = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      held.set(pathname, { answeredNow, released });
      return { answered, release };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A TCP relay on `port` to `target`; `down()` refuses connections (and cuts open ones), `up()` takes them again. */
interface Relay {
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
}

async function startRelay(target: number): Promise<Relay> {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const up = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(target, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
  };
  const down = async () => {
    if (!server) return;
    const closed = new Promise((resolve) => server!.close(resolve));
    for (const s of sockets) s.destroy();
    await closed;
    server = undefined;
  };
  await up();
  return { url: `http://127.0.0.1:${port}/`, up, down };
}

/** One request exactly as written (fetch would resolve dot segments): status and X-Cache. */
function raw(port: number, pathname: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; cache: string | undefined; type: string | undefined; body: string }>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: pathname, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, cache: res.headers['x-cache'] as string | undefined, type: res.headers['content-type'], body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const publicPort = () => Number(new URL(varnish!.url).port);
const get = (pathname: string, headers: Record<string, string> = {}) => raw(publicPort(), pathname, { headers });
const objects = () => varnish!.stat('MAIN.n_object');

async function publish(...args: string[]) {
  const { stdout } = await execFileAsync('npm', ['run', '-s', 'publish', '--', ...args], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: store, REVALIDATE_SECRET: SECRET, SITE_URL: instance!.url },
  });
  expect(stdout).toContain('acknowledged');
}

const writeStory = (translationId: string, slug: string, title: string) => writePublishedStory(drafts, { translationId, slug, title });

/** Asks until Varnish has it cached, then returns the hit. */
async function cached(pathname: string) {
  // Asked up to three times: the repeat of an earlier test's purge (20 s after it) may drop it in between.
  let hit = await get(pathname);
  for (let i = 0; i < 3 && hit.cache !== 'HIT'; i++) {
    await get(pathname);
    hit = await get(pathname);
  }
  expect(hit.cache, `${pathname} is a hit on the second request`).toBe('HIT');
  return hit;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  store = mkdtempSync(path.join(tmpdir(), 'kabar-purge-store-'));
  drafts = mkdtempSync(path.join(tmpdir(), 'kabar-purge-drafts-'));
  cpSync(process.env.E2E_CONTENT_DIR ?? path.join(root, 'content'), store, { recursive: true });
  const purgePort = await freePort();
  relay = await startRelay(purgePort);
  // PURGE_URL goes through the relay to Varnish's purge listener.
  instance = await startServer({ port: BASE_PORT + 40, env: { CONTENT_DIR: store, REVALIDATE_SECRET: SECRET, PURGE_URL: relay.url, PURGE_RETRY_MS: '500' } });
  holding = await startHolding(BASE_PORT + 40);
  const started = await startVarnish({ backendPorts: [holding.port], purgePort });
  if ('skipped' in started) {
    skipped = started.skipped;
    console.log(`front-purge: skipped, ${skipped}`);
    return;
  }
  varnish = started;
  const proxy = await startReverseProxy(publicPort());
  if (!('skipped' in proxy)) nginx = proxy;
});

test.afterAll(async () => {
  await instance?.stop();
  await holding?.stop();
  await relay?.down();
  await nginx?.stop();
  await varnish?.stop();
  for (const dir of [store, drafts]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(!varnish, `no varnishd with xkey on this machine: ${skipped}`);
});

test('a story shared with tracking parameters is one object, a hit for every click after the first; a query no page reads is dropped', async () => {
  const first = await get(SEED_EN_PATH);
  expect(first.status).toBe(200);
  const before = await objects();
  const clicks = [
    `fbclid=IwAR${Date.now()}`,
    'utm_source=newsletter&utm_medium=email&utm_campaign=pagi',
    'gclid=Cj0KCQ&gbraid=0AAA&wbraid=1BBB',
    'msclkid=abc&igshid=def&mc_cid=1&mc_eid=2',
    '_ga=2.1.1&_gl=1*abc&yclid=1&twclid=2&ttclid=3&li_fat_id=4&ref=twitter',
    'UTM_SOURCE=upper&FBCLID=upper',
    'b=2&a=1',
    '',
  ];
  for (const query of clicks) {
    const answer = await get(`${SEED_EN_PATH}?${query}`);
    expect(answer.status, query).toBe(200);
    expect(answer.cache, query).toBe('HIT');
  }
  for (let i = 0; i < 20; i++) expect((await get(`${SEED_EN_PATH}?fbclid=${Math.random().toString(36).slice(2)}`)).cache).toBe('HIT');
  expect(await objects(), 'no object per click').toBe(before);
});

test('the share image keeps its ?v= (a new version is a new object) and sorts what remains, without tracking parameters', async () => {
  const image = `${SEED_PATH}/opengraph-image`;
  const v = `v${Date.now().toString(36)}`;
  const first = await get(`${image}?v=${v}&z=1`);
  expect(first.status).toBe(200);
  expect(first.type).toMatch(/^image\//);
  expect(first.cache).toBe('MISS');
  const before = await objects();
  // The same two parameters in the other order, with tracking around them: the same object.
  for (const query of [`z=1&v=${v}`, `utm_source=x&z=1&fbclid=y&v=${v}`, `v=${v}&gclid=1&z=1`]) expect((await get(`${image}?${query}`)).cache, query).toBe('HIT');
  expect(await objects()).toBe(before);
  // Another version is fetched, not served from the old card.
  expect((await get(`${image}?v=${v}x&z=1`)).cache).toBe('MISS');
});

test('router headers make no object of their own: every request for a page is the one cached HTML page', async () => {
  await cached('/en');
  const before = await objects();
  for (let i = 0; i < 20; i++) {
    const headers: Record<string, string> = {
      'next-router-state-tree': encodeURIComponent(JSON.stringify(['', { children: [`x${i}`, {}] }, null, null, true])),
      rsc: '1',
      'next-router-prefetch': '1',
      'next-router-segment-prefetch': `/_tree${i}`,
      'next-url': `/en/${i}`,
    };
    const answer = await get(`/en?_rsc=${i}`, i % 2 ? headers : { 'next-router-state-tree': headers['next-router-state-tree']! });
    expect(answer.cache, `request ${i}`).toBe('HIT');
    expect(answer.type).toMatch(/^text\/html/);
  }
  expect(await objects(), 'varnishstat MAIN.n_object').toBe(before);
});

test('a path with dot segments or doubled slashes is never cached under its own URL', async () => {
  await cached(SEED_EN_PATH);
  const before = await objects();
  const [, locale, kind, slug] = SEED_EN_PATH.split('/');
  for (const odd of [`/${locale}/./${kind}/${slug}`, `/${locale}/x/../${kind}/${slug}`, `/${locale}//${kind}/${slug}`, `/${locale}/${kind}/${slug}/.`, `/${locale}/%2e/${kind}/${slug}`]) {
    for (let i = 0; i < 2; i++) {
      const answer = await raw(publicPort(), odd);
      expect(answer.cache, odd).toBe('PASS');
    }
  }
  // A pass holds a private object while it is delivered; none stays.
  await expect.poll(objects, { message: 'no object for a non-canonical path', timeout: 3_000 }).toBe(before);
});

test('PURGE on the public listener is refused and purges nothing, direct and through nginx on loopback; on the purge listener it purges', async () => {
  await cached(SEED_PATH);
  const before = await objects();
  const refused = await raw(publicPort(), '/', { method: 'PURGE', headers: { 'xkey-purge': 'all' } });
  expect(refused.status).toBe(405);
  test.skip(!nginx, 'no nginx on this machine');
  // nginx on this host: Varnish sees the reader as 127.0.0.1, which the old ACL trusted.
  const forwarded = await raw(nginx!.port, '/', { method: 'PURGE', headers: { 'xkey-purge': 'all' } });
  expect(forwarded.status).toBe(405);
  expect((await get(SEED_PATH)).cache, 'still cached').toBe('HIT');
  expect(await objects()).toBeGreaterThanOrEqual(before);

  const purged = await raw(Number(new URL(varnish!.purgeUrl).port), '/', { method: 'PURGE', headers: { 'xkey-purge': 'all' } });
  expect(purged.status).toBe(200);
  expect((await get(SEED_PATH)).cache).toBe('MISS');
  // The purge listener serves no pages.
  expect((await raw(Number(new URL(varnish!.purgeUrl).port), SEED_PATH)).status).toBe(405);
});

test('a takedown during a slow render does not come back as a cached 200', async () => {
  const slug = 'purge-uji-lambat';
  const storyPath = `/id/berita/${slug}`;
  await publish(writeStory('purge-lambat', slug, 'Purge uji lambat'));
  await expect(async () => expect((await get(storyPath)).status).toBe(200)).toPass({ timeout: 5_000 });
  // Out of Varnish (a correction, say), then a reader asks and the instance renders the story…
  await raw(Number(new URL(varnish!.purgeUrl).port), '/', { method: 'PURGE', headers: { 'xkey-purge': 'story-purge-lambat' } });
  const held = holding!.hold(storyPath);
  const reader = get(storyPath);
  await held.answered;
  // …and the takedown's purge reaches Varnish before that render does.
  await publish('--unpublish', 'purge-lambat');
  held.release();
  expect((await reader).status, 'the reader already waiting gets the render').toBe(200);
  const after = await get(storyPath);
  expect(after.status, `then the takedown (X-Cache ${after.cache})`).toBe(410);
  expect((await get(storyPath)).status).toBe(410);
});

test('a purge that fails while Varnish cannot be reached is retried, and goes through when it can', async () => {
  const slug = 'purge-uji-gagal';
  const storyPath = `/id/berita/${slug}`;
  await publish(writeStory('purge-gagal', slug, 'Purge uji gagal'));
  await expect(async () => expect((await get(storyPath)).status).toBe(200)).toPass({ timeout: 5_000 });
  await cached(storyPath);
  await relay!.down();
  // The publish still succeeds; the purge does not reach Varnish, which keeps the story.
  await publish('--unpublish', 'purge-gagal');
  expect((await raw(BASE_PORT + 40, storyPath)).status, 'the instance took the takedown').toBe(410);
  const stale = await get(storyPath);
  expect({ status: stale.status, cache: stale.cache }, 'the purge did not arrive').toEqual({ status: 200, cache: 'HIT' });
  await expect.poll(() => instance!.output()).toContain(`[front-cache] purging ${relay!.url} failed`);
  await relay!.up();
  // Retries at 0.5, 1, 2, 4 s …: well before the repeat (20 s) or s-maxage (300 s) could clear it.
  await expect(async () => expect((await get(storyPath)).status).toBe(410)).toPass({ timeout: 8_000, intervals: [250] });
  await expect.poll(() => instance!.output()).toMatch(/\[front-cache\] purges reach \S+ again/);
  expect(instance!.output().match(/\[front-cache\] purging .* failed/g), 'the failure is logged once, not per attempt').toHaveLength(1);
});
