import http from 'node:http';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startReverseProxy, type ReverseProxy } from './support/nginx';
import { SEED_PATH } from './support/stories';

// The site as production runs it: behind a TLS-terminating reverse proxy that is also a shared
// cache (nginx, started here with a generated config; it sets X-Forwarded-Proto: https and
// X-Forwarded-For, and keeps what Cache-Control and Vary allow). What broke there (issue 17):
// unknown locale prefixes and malformed escapes answered 500, odd request targets were redirected
// to another host, and a 404 whose language depends on Accept-Language was cached for everyone.

const upstreamPort = Number(process.env.E2E_PORT ?? '3100');

let proxy: ReverseProxy | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000); // may install Debian's nginx first
  const started = await startReverseProxy(upstreamPort);
  if ('skipped' in started) {
    console.log(`crawler-proxy: skipped, ${started.skipped}`);
    return;
  }
  proxy = started;
});

test.afterAll(async () => {
  await proxy?.stop();
});

test.beforeEach(() => {
  test.skip(!proxy, 'no nginx on this machine (see the reason printed above)');
});

interface ProxiedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function viaProxy(path: string, headers: Record<string, string> = {}): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: proxy!.port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A request line exactly as written (absolute-form, asterisk-form), which http.request cannot send. */
function rawViaProxy(requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(proxy!.port, '127.0.0.1', () => {
      socket.write(`${requestLine}\r\nHost: 127.0.0.1:${proxy!.port}\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

const htmlLang = (body: string) => /<html[^>]*\slang="([^"]+)"/.exec(body)?.[1];

test('the proxy is a shared cache: a static page is served from it the second time', async () => {
  const first = await viaProxy(SEED_PATH);
  expect(first.status).toBe(200);
  let second = await viaProxy(SEED_PATH);
  expect(second.status).toBe(200);
  expect(second.headers[proxy!.cacheStatusHeader], 'without this, the caching tests below prove nothing').toBe('HIT');
  second = await viaProxy(SEED_PATH, { 'Accept-Language': 'en' });
  expect(second.headers[proxy!.cacheStatusHeader]).toBe('HIT');
});

test('behind TLS, an unknown locale prefix and a malformed escape are the localized 404, not a 500', async () => {
  for (const [path, lang] of [
    ['/fr/x', 'en'],
    ['/de/berita/x', 'en'],
    ['/id-ID', 'en'],
    ['/en/%ff', 'en'],
    ['/id/berita/%c0%ae', 'id'],
    ['/en/news/%2e%2e%2fx', 'en'],
  ] as const) {
    const response = await viaProxy(path, { 'Accept-Language': 'en' });
    expect(response.status, path).toBe(404);
    expect(htmlLang(response.body), path).toBe(lang);
    expect(response.body, path).toContain('<h1');
    // The rewrite stayed inside the server: nothing was proxied, and no internal URL leaks.
    expect(response.headers['x-middleware-rewrite'], path).toBeUndefined();
  }
});

test('behind TLS, language negotiation still redirects on the same site', async () => {
  const response = await viaProxy('/berita/x?y=1', { 'Accept-Language': 'en' });
  expect(response.status).toBe(307);
  expect(response.headers['location']).toBe('/en/news/x?y=1');
  expect(response.headers['cache-control']).toBe('private, no-cache');
});

test('an unknown locale prefix is not cached for everyone in the first visitor’s language', async () => {
  const path = `/fr/p${Date.now()}`;
  const asked: [string, string | undefined][] = [
    ['en', 'en'],
    ['id', 'id'],
    ['en', 'en'],
    ['id-ID,id;q=0.9', 'id'],
  ];
  for (const [acceptLanguage, lang] of asked) {
    const response = await viaProxy(path, { 'Accept-Language': acceptLanguage });
    expect(response.status).toBe(404);
    expect(htmlLang(response.body), `Accept-Language: ${acceptLanguage}: the reader's language, not a cached one`).toBe(lang);
    expect(response.headers[proxy!.cacheStatusHeader], `Accept-Language: ${acceptLanguage}`).not.toBe('HIT');
  }
  // Why: only the reader's browser may keep it, and it says what it varies by.
  const { headers } = await viaProxy(path, { 'Accept-Language': 'en' });
  expect(headers['cache-control']).toBe('private, no-cache');
  expect(headers['vary']).toMatch(/Accept-Language, Cookie/);
  // The language cookie decides too.
  const chosen = await viaProxy(path, { 'Accept-Language': 'en', Cookie: 'NEXT_LOCALE=id' });
  expect(htmlLang(chosen.body)).toBe('id');
});

test('an absolute-form request target reaches the site as its path and is never sent to the other host', async () => {
  const response = await rawViaProxy('GET http://evil.example/en HTTP/1.1');
  const [statusLine = '', ...lines] = response.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const location = lines.find((l) => /^location:/i.test(l));
  expect(status, statusLine).toBeLessThan(500);
  expect(location ?? '', 'no redirect to the host named in the target').not.toContain('evil.example');
  // An asterisk-form target is refused by the proxy itself.
  expect(Number((await rawViaProxy('OPTIONS * HTTP/1.1')).split(' ')[1])).toBe(400);
});

test('X-Forwarded-For from the proxy (and one forged before it) changes nothing', async () => {
  const response = await viaProxy(SEED_PATH, { 'X-Forwarded-For': '203.0.113.7, 10.0.0.1', 'X-Forwarded-Host': 'evil.example' });
  expect(response.status).toBe(200);
  expect(response.body).not.toContain('evil.example');
});
