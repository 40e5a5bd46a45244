import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startRedis, type TestRedis } from './support/redis';
import { startServer, type TestServer } from './support/server';
import { SEED_EN_PATH, SEED_PATH } from './support/stories';
import { startVarnish, type TestVarnish } from './support/varnish';

// What the instances answer in front of a real Varnish (issue 22, the instances' part): odd
// spellings of a path are a 308 to the page's one URL, reader pages vary on Accept-Encoding alone,
// refused requests do not wait for their bodies, and /healthz and /readyz tell Varnish which
// instance may serve. One `next start` of the e2e build, using a Redis of the spec's own (stopped
// and started again by a test), behind a varnishd with the repository's default.vcl that probes it.

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
const INSTANCE_PORT = BASE_PORT + 50;
/** How long a change of Redis may take to show in /readyz and in Varnish's probe (500 ms, 2 of 3). */
const NOTICED_WITHIN = 10_000;

let redis: TestRedis | undefined;
let instance: TestServer | undefined;
let varnish: TestVarnish | undefined;
let skipped = '';

test.describe.configure({ mode: 'serial' });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request sent exactly as written (fetch would resolve the dots and drop the fragment itself). */
function raw(origin: string, target: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: target, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${target}: no answer within 15 s`)));
    req.end();
  });
}

/** Varnish's count of objects in its cache (hit-for-miss markers included). */
async function objectCount(): Promise<number> {
  const { stdout } = await execFileAsync('varnishstat', ['-n', varnish!.workDir, '-1', '-f', 'MAIN.n_object']);
  return Number(/MAIN\.n_object\s+(\d+)/.exec(stdout)?.[1]);
}

interface SocketExchange {
  /** Everything the server sent. */
  received: string;
  /** Whether the server closed the connection (within the wait). */
  closed: boolean;
}

/**
 * A request written on a raw socket: the head only (a body declared and never sent), then waits up
 * to `waitMs` for the server to answer and close. `onData` may write more (the body after a 100).
 */
function headOnly(head: string, { waitMs = 5_000, onData }: { waitMs?: number; onData?: (received: string, socket: net.Socket) => void } = {}): Promise<SocketExchange> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect(INSTANCE_PORT, '127.0.0.1', () => socket.write(head));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received, closed: false });
    }, waitMs);
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      onData?.(received, socket);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received, closed: true });
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      // A reset after the answer is a close too; before it, a failure.
      if (received) resolve({ received, closed: true });
      else reject(error);
    });
  });
}

const statusLine = (received: string) => received.split('\r\n', 1)[0];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const startedRedis = await startRedis();
  if ('skipped' in startedRedis) {
    skipped = startedRedis.skipped;
    return;
  }
  redis = startedRedis;
  instance = await startServer({
    port: INSTANCE_PORT,
    env: {
      CONTENT_DIR: process.env.E2E_CONTENT_DIR ?? path.join(root, 'content'),
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'e2e-front-paths:',
      DATABASE_URL: '',
      PURGE_URL: '',
    },
  });
  const started = await startVarnish({ backendPorts: [INSTANCE_PORT] });
  if ('skipped' in started) {
    skipped = started.skipped;
    console.log(`front-paths: skipped, ${skipped}`);
    return;
  }
  varnish = started;
});

test.afterAll(async () => {
  await instance?.stop();
  await varnish?.stop();
  await redis?.remove();
});

test.beforeEach(() => {
  test.skip(!varnish || !instance, `no varnishd with xkey or no redis-server on this machine: ${skipped}`);
});

test('an odd spelling of a page is a 308 to its one URL, directly and through Varnish, and Varnish keeps nothing under it', async () => {
  const slug = SEED_EN_PATH.split('/').pop()!;
  const odd = [
    `/en/x/../news/${slug}`,
    `/en/./news/${slug}`,
    `/en/%2e/news/${slug}`,
    `/en/x/%2E%2e/news/${slug}`,
    `/en//news/${slug}`,
    `/en/news//${slug}/.`,
    `/en/news/${slug}#share`,
  ];
  // The page itself, cached first: what follows must add nothing beside it.
  for (let i = 0; i < 2; i++) expect((await raw(varnish!.url, SEED_EN_PATH)).status).toBe(200);
  const before = await objectCount();
  for (const origin of [instance!.url, varnish!.url]) {
    for (const target of odd) {
      for (const query of ['', '?utm_source=newsletter&a=1']) {
        // Twice: the second must not be a cached copy of anything either.
        for (let i = 0; i < 2; i++) {
          const answer = await raw(origin, `${target}${query}`);
          expect(answer.status, `${origin} ${target}${query}`).toBe(308);
          expect(answer.headers.location, `${origin} ${target}${query}`).toBe(`${SEED_EN_PATH}${target.includes('#') ? '' : query}`);
          expect(answer.headers['cache-control']).toBe('no-store');
        }
      }
    }
  }
  expect(await objectCount(), 'objects in Varnish after 56 requests for odd spellings').toBe(before);
  // The one URL is still the cached page.
  const page = await raw(varnish!.url, SEED_EN_PATH);
  expect(page.status).toBe(200);
  expect(page.headers['x-cache']).toBe('HIT');

  // Never a redirect to another site, and no redirect out of a climb above the root.
  for (const origin of [instance!.url, varnish!.url]) {
    for (const target of ['//evil.example/x', '/.//evil.example/x', '/\\evil.example/x']) {
      const answer = await raw(origin, target);
      expect(answer.status, `${origin} ${target}`).toBe(308);
      expect(answer.headers.location, `${origin} ${target}`).toBe('/evil.example/x');
    }
    for (const target of ['/../etc/passwd', '/en/../../x', '/%2e%2e/en']) {
      const answer = await raw(origin, target);
      expect(answer.status, `${origin} ${target}`).toBe(400);
      expect(answer.headers.location).toBeUndefined();
    }
  }
});

test('the site keeps working at its canonical paths: assets, feeds, the share image, the trailing slash', async () => {
  const page = await raw(instance!.url, SEED_PATH);
  expect(page.status).toBe(200);
  const stylesheet = /\/_next\/static\/[^"')]+\.(?:css|woff2)/.exec(page.body)?.[0];
  expect(stylesheet, 'the page names an asset under /_next/static').toBeTruthy();
  for (const origin of [instance!.url, varnish!.url]) {
    expect((await raw(origin, stylesheet!)).status, stylesheet).toBe(200);
    expect((await raw(origin, '/id/feed.xml')).status).toBe(200);
    expect((await raw(origin, `${SEED_PATH}/opengraph-image`)).headers['content-type']).toMatch(/^image\/png/);
    // A trailing slash alone is Next's redirect, as before.
    const slash = await raw(origin, `${SEED_PATH}/`);
    expect(slash.status).toBe(308);
    expect(slash.headers.location).toBe(SEED_PATH);
  }
});

test('reader HTML varies on Accept-Encoding only, and the router headers get the same page and add nothing to Varnish', async () => {
  const plain = await raw(instance!.url, SEED_PATH, { headers: { 'accept-encoding': 'gzip' } });
  expect(plain.headers.vary).toBe('Accept-Encoding');
  const html = (await raw(instance!.url, SEED_PATH)).body;
  const routerRequests: Record<string, string>[] = [
    { rsc: '1' },
    { rsc: '1', 'next-router-prefetch': '1' },
    { 'next-router-state-tree': '%5B%22%22%2C%7B%7D%5D' },
    { rsc: '1', 'next-router-segment-prefetch': '/_tree' },
  ];
  for (const headers of routerRequests) {
    const answer = await raw(instance!.url, SEED_PATH, { headers });
    expect(answer.status, JSON.stringify(headers)).toBe(200);
    expect(answer.headers['content-type'], JSON.stringify(headers)).toMatch(/^text\/html/);
    expect(answer.body, `${JSON.stringify(headers)}: the page, not an RSC payload`).toBe(html);
    expect(answer.headers.vary ?? '', JSON.stringify(headers)).not.toMatch(/rsc|router/i);
  }
  for (const pathname of ['/en', '/id/feed.xml', '/sitemap.xml']) {
    const answer = await raw(instance!.url, pathname, { headers: { 'accept-encoding': 'gzip' } });
    expect(answer.headers.vary ?? '', pathname).not.toMatch(/rsc|router/i);
  }

  // Through Varnish: 40 random router states are one cached page, not 40.
  for (let i = 0; i < 2; i++) await raw(varnish!.url, '/en', { headers: { 'accept-encoding': 'gzip' } });
  const before = await objectCount();
  for (let i = 0; i < 40; i++) {
    const answer = await raw(varnish!.url, '/en', { headers: { 'accept-encoding': 'gzip', 'next-router-state-tree': `%5B%22${i}-${Math.random()}%22%5D` } });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-cache'], `request ${i}`).toBe('HIT');
  }
  expect(await objectCount(), 'objects in Varnish after 40 router states').toBe(before);
});

test('the desk passes Varnish with its cookies, and nothing of it is stored there', async () => {
  const before = await objectCount();
  for (const pathname of ['/desk', '/desk/login', '/desk?state=draft']) {
    for (let i = 0; i < 2; i++) {
      const answer = await raw(varnish!.url, pathname, { headers: { cookie: 'kabar-desk-test=1; NEXT_LOCALE=en' } });
      expect(answer.headers['x-cache'], `${pathname}, request ${i}`).toBe('PASS');
      expect(answer.headers['cache-control'], pathname).toMatch(/no-store/);
    }
  }
  expect(await objectCount(), 'objects in Varnish after desk requests').toBe(before);
});

test('a refused request is answered and closed without its body, and Expect: 100-continue gets no 100 unless the checks pass', async () => {
  const big = 50_000_000;
  // 405 for a write to a page, 50 MB declared and never sent: the answer comes, and the connection closes.
  let exchange = await headOnly(`POST /id HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${big}\r\n\r\n`);
  expect(statusLine(exchange.received)).toBe('HTTP/1.1 405 Method Not Allowed');
  expect(exchange.closed, 'the server closes the connection rather than wait for 50 MB').toBe(true);
  // The same with a chunked body of unknown length.
  exchange = await headOnly(`PUT /en/news/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`);
  expect(statusLine(exchange.received)).toBe('HTTP/1.1 405 Method Not Allowed');
  expect(exchange.closed).toBe(true);
  // 400 for a request target that is not a path.
  exchange = await headOnly(`POST * HTTP/1.1\r\nHost: x\r\nContent-Length: ${big}\r\n\r\n`);
  expect(statusLine(exchange.received)).toBe('HTTP/1.1 400 Bad Request');
  expect(exchange.closed).toBe(true);
  // 413 past the limit.
  exchange = await headOnly(`POST /api/revalidate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big}\r\n\r\n`);
  expect(statusLine(exchange.received)).toBe('HTTP/1.1 413 Payload Too Large');
  expect(exchange.closed).toBe(true);

  // Expect: 100-continue on refused requests: the final status alone, never a 100 first.
  for (const head of [
    `PUT /id HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n`,
    `POST /api/revalidate HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${big}\r\n\r\n`,
    `POST /api/x/../../id HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n`,
  ]) {
    exchange = await headOnly(head);
    expect(exchange.received, head).not.toContain('100 Continue');
    expect(statusLine(exchange.received), head).toMatch(/^HTTP\/1\.1 (405|413) /);
    expect(exchange.closed, head).toBe(true);
  }

  // An accepted one gets its 100, and then its answer once the body is sent.
  const body = 'x=1';
  exchange = await headOnly(`POST /api/preview/exit HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, {
    onData: (received, socket) => {
      if (received === 'HTTP/1.1 100 Continue\r\n\r\n') socket.write(body);
    },
  });
  expect(exchange.received.startsWith('HTTP/1.1 100 Continue\r\n\r\n'), exchange.received.slice(0, 200)).toBe(true);
  const final = statusLine(exchange.received.slice('HTTP/1.1 100 Continue\r\n\r\n'.length));
  expect(final).toMatch(/^HTTP\/1\.1 [23]\d\d /);
});

test('/healthz answers while the process does; /readyz and Varnish follow Redis out and back', async () => {
  test.setTimeout(90_000);
  for (const method of ['GET', 'HEAD']) {
    const health = await raw(instance!.url, '/healthz', { method });
    expect(health.status, method).toBe(200);
    expect(health.headers['cache-control']).toBe('no-store');
  }
  expect((await raw(instance!.url, '/healthz')).body).toBe('ok\n');
  const ready = await raw(instance!.url, '/readyz');
  expect(ready.status, ready.body).toBe(200);
  expect(ready.headers['cache-control']).toBe('no-store');
  expect(ready.body).toMatch(/^ready\n/);
  expect(ready.body).toMatch(/^content: ok \(version [0-9a-f]+\)$/m);
  expect(ready.body).toMatch(/^redis: ok /m);
  expect((await raw(instance!.url, '/readyz', { method: 'HEAD' })).status).toBe(200);
  // A page Varnish has not cached is fetched from the instance: its 404.
  const missing = (n: number) => `/id/berita/tidak-ada-berita-paths-${n}-${Date.now()}`;
  expect((await raw(varnish!.url, missing(0))).status).toBe(404);

  await redis!.stop();
  try {
    await expect(async () => {
      const answer = await raw(instance!.url, '/readyz');
      expect(answer.status, answer.body).toBe(503);
      expect(answer.body).toMatch(/^not ready\n/);
      expect(answer.body).toMatch(/^redis: Redis at 127\.0\.0\.1:\d+ is not reachable/m);
      expect(answer.headers['cache-control']).toBe('no-store');
    }).toPass({ timeout: NOTICED_WITHIN });
    expect((await raw(instance!.url, '/healthz')).status, 'the process still answers').toBe(200);
    // Varnish's probe sees it: the only instance is sick, so a miss has no one to go to.
    let n = 1;
    await expect(async () => expect((await raw(varnish!.url, missing(n++))).status).toBe(503)).toPass({ timeout: NOTICED_WITHIN });
  } finally {
    await redis!.start();
  }
  await expect(async () => expect((await raw(instance!.url, '/readyz')).status).toBe(200)).toPass({ timeout: NOTICED_WITHIN });
  let n = 100;
  await expect(async () => expect((await raw(varnish!.url, missing(n++))).status).toBe(404)).toPass({ timeout: NOTICED_WITHIN });
  // Never sent to a language by proxy.ts, never a localized 404.
  for (const target of ['/healthz', '/readyz', '/readyz?x=1']) {
    const answer = await raw(instance!.url, target, { headers: { 'accept-language': 'en' } });
    expect(answer.status, target).toBe(200);
    expect(answer.headers.location).toBeUndefined();
  }
});
