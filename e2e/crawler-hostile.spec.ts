import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SEED_EN_PATH, SEED_PATH } from './support/stories';

// Scanners, scrapers and broken clients: more than a thousand hostile requests, fixed and generated.
// Each gets the one 4xx that fits (or a redirect to it, for paths without a locale, which the
// language negotiation redirects), never a 5xx, never a byte from outside content/, and the server
// stays up. Then the kinds a TLS proxy, a shared cache and a hostile client found (issue 17):
// forwarded headers, odd request targets, encoded dots under /api/, large bodies, a replayed Draft
// Mode cookie. The same through a real reverse proxy: crawler-proxy.spec.ts.

interface Probe {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /**
   * "missing": the status `missingStatus` gives (a same-site redirect may lead there);
   * "refused": 405; "page": the page still answers.
   */
  expect: 'missing' | 'refused' | 'page';
  /** Headers past Node's limit: the server answers 431 and drops the connection, so use a fresh one. */
  oversized?: true;
}

/**
 * Whether the path's ".." segments (encoded or not, "\\" read as "/") climb above the root, which
 * the guard answers with 400 rather than a redirect to what the climb leaves (decision 016).
 */
function climbsAboveRoot(path: string): boolean {
  let depth = 0;
  for (const segment of path.split(/[/\\]/).slice(1)) {
    if (/^(?:\.|%2e){2}$/i.test(segment)) {
      if (--depth < 0) return true;
    } else if (segment !== '' && !/^(?:\.|%2e)$/i.test(segment)) depth++;
  }
  return false;
}

/**
 * The one status each missing thing gets (decision 016): 431 for headers past Node's limit, 400 for
 * an escape that does not decode outside /id and /en (Next's file server would answer 500) and for
 * a path that climbs above the root, else the localized 404 (under /id and /en, escapes render it
 * too). Other odd spellings (dots, "//", "\\") are a 308 to the canonical path, followed.
 */
function missingStatus(probe: Probe, finalPath: string): number {
  if (probe.oversized) return 431;
  const path = finalPath.split(/[?#]/, 1)[0]!;
  if (climbsAboveRoot(path)) return 400;
  if (!/^\/(id|en)(\/|$)/.test(path) && path.includes('%')) {
    try {
      decodeURIComponent(path);
    } catch {
      return 400;
    }
  }
  return 404;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const port = Number(process.env.E2E_PORT ?? '3100');
// A connection per request: after some hostile requests the server rightly closes the connection,
// and a kept-alive socket would race that close.
const agent = new http.Agent({ keepAlive: false, maxSockets: 8 });

/** Node's http sends the path exactly as given ("..", backslashes, "%00"); fetch would normalise it. */
function rawRequest(probe: Pick<Probe, 'path' | 'method' | 'headers' | 'oversized'>): Promise<RawResponse> {
  const { path: target, method = 'GET', headers = {}, oversized } = probe;
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, method, path: target, headers, agent: oversized ? false : agent };
    const req = http.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${target.slice(0, 80)}`)));
    req.on('error', (error) => reject(new Error(`${method} ${target.slice(0, 120)}: ${error.message}`)));
    req.end();
  });
}

/** Text that would only appear if a file outside content/ leaked, or an error leaked its stack. */
const LEAKS = [
  'root:x:0:0', // /etc/passwd
  '"devDependencies"', // package.json
  'createNextIntlPlugin', // next.config.ts
  'PREVIEW_SECRET',
  process.env.PREVIEW_SECRET ?? 'e2e-preview-secret',
  '[boot loader]', // win.ini
  'node:internal',
  'at Object.<anonymous>',
];

/** A small seeded generator, so that a failing run can be reproduced. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRAVERSALS = [
  '../../../../etc/passwd',
  '..%2f..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2e%2e/%2e%2e/%2e%2e/package.json',
  '..%252f..%252f..%252fpackage.json',
  '%252e%252e%252fpackage.json',
  '..\\..\\..\\package.json',
  '..%5c..%5c..%5cpackage.json',
  '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '....//....//etc/passwd',
  'x%00.md',
  '%00',
  '..%00/package.json',
  '%ff',
  '%e0%80%af',
  '%',
  '%zz',
  '.env',
  '..;/package.json',
  '%2e%2e%5c%2e%2e%5cnext.config.ts',
];

const PREFIXES = [
  '/',
  '/id/',
  '/en/',
  '/id/berita/',
  '/en/news/',
  '/id/news/',
  '/id/rubrik/',
  '/en/section/world/',
  '/id/halaman/',
  '/id/feed.xml/',
  '/_next/static/',
  '/_next/static/chunks/',
  '/_next/image?url=',
  '/logo.png/',
  '/id/share.png/',
  '/api/',
];

const PAGE_NUMBERS = ['0', '-1', '99999', '999999', '1e9', '1e3', 'abc', '02', '2.0', '1.5', ' 2', '%32', '0x2', 'Infinity', 'NaN', '9'.repeat(40)];
const LIST_PREFIXES = ['/id/halaman/', '/en/page/', '/id/rubrik/dunia/', '/en/section/world/', '/id/rubrik/teknologi/', '/en/section/business/'];

function fixedProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const prefix of PREFIXES) for (const t of TRAVERSALS) probes.push({ path: prefix + t, expect: 'missing' });
  for (const prefix of LIST_PREFIXES) for (const n of PAGE_NUMBERS) probes.push({ path: prefix + encodeURI(n), expect: 'missing' });
  for (const locale of ['fr', 'de', 'zh', 'xx', 'id-ID', 'en-US', 'EN', 'ID', 'iD', 'ind', 'eng', 'jv', 'su', 'pt-BR'])
    for (const rest of ['', '/berita/x', '/news/x', '/halaman/2']) probes.push({ path: `/${locale}${rest}`, expect: 'missing' });
  for (const section of ['politik', 'sport', 'economy', 'teknologi-x', 'TEKNOLOGI', 'dunia/extra/deep', '...', '%2e%2e%2fx'])
    for (const prefix of ['/id/rubrik/', '/en/section/']) probes.push({ path: prefix + section, expect: 'missing' });
  // Internal folder names and files that exist on the server but not on the site.
  for (const p of ['/package.json', '/next.config.ts', '/.env', '/.git/config', '/content/id/', '/node_modules/next/package.json',
    '/.next/BUILD_ID', '/_next/BUILD_ID', '/_next/server/app/id.html', '/_next/../package.json', '/public/logo.png', '/etc/passwd',
    '/id/news', '/en/section', '/id/berita', '/id/feed.xml/x', '/wp-login.php', '/wp-admin/', '/.well-known/security.txt.bak',
    '/cgi-bin/test.cgi', '/admin', '/server-status', '/id/../../../etc/passwd', '//etc/passwd', '/\\etc\\passwd', '/id\\..\\..\\package.json']) {
    probes.push({ path: p, expect: 'missing' });
  }
  // Over-long paths and query strings.
  const long = 'a'.repeat(8 * 1024);
  probes.push({ path: `/id/berita/${long}`, expect: 'missing' });
  probes.push({ path: `/en/news/${long}`, expect: 'missing' });
  probes.push({ path: `/id/rubrik/${long}`, expect: 'missing' });
  probes.push({ path: `/${long}`, expect: 'missing' });
  probes.push({ path: `/id/${'x/'.repeat(2000)}`, expect: 'missing' });
  probes.push({ path: `/id/berita/x?${'q='.concat(long)}`, expect: 'missing' });
  probes.push({ path: `/id/${'%2e%2e%2f'.repeat(900)}`, expect: 'missing' });
  probes.push({ path: `${SEED_PATH}?q=${long}`, expect: 'page' });
  probes.push({ path: `${SEED_PATH}?${Array.from({ length: 800 }, (_, i) => `k${i}=v`).join('&')}`, expect: 'page' });
  probes.push({ path: `/id?q=%00%ff%2e%2e%2f<script>`, expect: 'page' });
  // Unexpected methods on pages, feeds and images.
  for (const target of [SEED_PATH, SEED_EN_PATH, '/id', '/', '/id/feed.xml', '/sitemap.xml', '/robots.txt', '/logo.png', '/id/share.png', '/id/rubrik/dunia', '/id/berita/tidak-ada'])
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE'])
      probes.push({ path: target, method, expect: 'refused' });
  // Malformed and huge headers on real pages: the page still answers.
  const headerCases: Record<string, string>[] = [
    { 'Accept-Language': ';;;,,,q=,=' },
    { 'Accept-Language': '*;q=abc, en;q=-1, id;q=1e999, xx-yy-zz;q=0.5' },
    { 'Accept-Language': Array.from({ length: 600 }, (_, i) => `x${i % 26}-y;q=0.${i % 9}`).join(',') },
    { 'Accept-Language': ','.repeat(8000) },
    { 'Accept-Language': '\u00ff\u00fe' },
    { Cookie: 'NEXT_LOCALE=%ff%00; NEXT_LOCALE=fr; =; ;;' },
    { Cookie: `NEXT_LOCALE=${'en'.repeat(3000)}` },
    { Cookie: Array.from({ length: 600 }, (_, i) => `c${i}=${'v'.repeat(10)}`).join('; ') },
    { Cookie: '__prerender_bypass=x; __next_preview_data=%ff' },
    { 'Accept-Language': 'en', Cookie: 'NEXT_LOCALE=../../etc/passwd' },
  ];
  for (const headers of headerCases) for (const target of ['/', '/berita/x', SEED_PATH, '/id']) {
    probes.push({ path: target, headers, expect: target === '/berita/x' ? 'missing' : 'page' });
  }
  // Headers larger than Node's limit are refused by the server itself (431).
  probes.push({ path: '/', headers: { Cookie: 'c='.concat('x'.repeat(20_000)) }, expect: 'missing', oversized: true });
  probes.push({ path: SEED_PATH, headers: { 'Accept-Language': 'x'.repeat(20_000) }, expect: 'missing', oversized: true });
  return probes;
}

function generatedProbes(count: number, seed: number): Probe[] {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  // No "/" or "\\": a generated "/.." would be resolved away to a real page (fixed probes cover traversal).
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-._~%';
  const word = (length: number) => `x${Array.from({ length }, () => pick([...alphabet])).join('')}`;
  const probes: Probe[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 5;
    if (kind === 0) probes.push({ path: `/${pick(['id/berita', 'en/news'])}/${word(1 + Math.floor(next() * 60))}`, expect: 'missing' });
    else if (kind === 1) probes.push({ path: `${pick(LIST_PREFIXES)}${Math.floor(next() * 1e6) + 2}`, expect: 'missing' });
    else if (kind === 2) probes.push({ path: `/${pick(['id', 'en'])}/${word(3 + Math.floor(next() * 20))}`, expect: 'missing' });
    else if (kind === 3) probes.push({ path: `/${word(2)}/${word(8)}`, expect: 'missing' });
    else probes.push({ path: `${pick(PREFIXES)}${pick(TRAVERSALS)}${word(4)}`, expect: 'missing' });
  }
  return probes;
}

/** The origin-relative target of a redirect, or a failure if it leaves the site. */
function sameSiteLocation(location: string | undefined, from: string): string {
  expect(location, `redirect from ${from.slice(0, 120)} has a Location`).toBeTruthy();
  const url = new URL(location!, `http://127.0.0.1:${port}`);
  expect(['127.0.0.1', 'localhost'], `redirect from ${from.slice(0, 120)} stays on the site`).toContain(url.hostname);
  return url.pathname + url.search;
}

async function check(probe: Probe): Promise<void> {
  const label = `${probe.method ?? 'GET'} ${probe.path.slice(0, 160)}`;
  let response = await rawRequest(probe);
  for (const leak of LEAKS) expect(response.body, `${label} leaks nothing`).not.toContain(leak);
  expect(response.status, `${label} is not a server error`).toBeLessThan(500);

  if (probe.expect === 'refused') {
    expect(response.status, label).toBe(405);
    expect(response.headers['allow'], label).toBe('GET, HEAD');
    return;
  }
  // Language negotiation redirects paths without a locale (and Next normalises "\" and "//"):
  // follow, a few hops at most and only on this site, to where the request really ends.
  let target = probe.path;
  for (let hop = 0; hop < 3 && response.status >= 300 && response.status < 400; hop++) {
    target = sameSiteLocation(response.headers['location'], target);
    response = await rawRequest({ ...probe, path: target });
    for (const leak of LEAKS) expect(response.body, `${label} → ${target.slice(0, 120)} leaks nothing`).not.toContain(leak);
    expect(response.status, `${label} → ${target.slice(0, 120)} is not a server error`).toBeLessThan(500);
  }
  if (probe.expect === 'page') expect(response.status, `${label} still serves the page`).toBe(200);
  else expect(response.status, `${label} (ended at ${target.slice(0, 120)})`).toBe(missingStatus(probe, target));
}

async function runAll(probes: Probe[], concurrency = 8): Promise<number> {
  let index = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (index < probes.length) {
        const probe = probes[index++]!;
        await check(probe);
        done++;
      }
    }),
  );
  return done;
}

test.describe.configure({ mode: 'serial' });

test('more than a thousand hostile requests: no 5xx, no leak, the right 4xx', async () => {
  test.setTimeout(420_000);
  const probes = [...fixedProbes(), ...generatedProbes(500, 20261129)];
  expect(probes.length).toBeGreaterThanOrEqual(1000);
  expect(await runAll(probes)).toBe(probes.length);

  // The server is still up and still serves the story.
  for (const seed of [SEED_PATH, SEED_EN_PATH]) {
    const response = await rawRequest({ path: seed });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<h1');
  }
});

test('a flood of unknown article slugs does not grow the server cache on disk', async () => {
  test.setTimeout(120_000);
  const distDir = path.resolve(process.env.NEXT_DIST_DIR || '.next');
  const files = () => readdirSync(path.join(distDir, 'server'), { recursive: true }).length;
  const before = files();
  const next = random(7);
  const probes: Probe[] = Array.from({ length: 300 }, (_, i) => ({
    path: `/${i % 2 ? 'id/berita' : 'en/news'}/flood-${Math.floor(next() * 1e12).toString(36)}-${i}`,
    expect: 'missing' as const,
  }));
  await runAll(probes);
  expect(files(), `files under ${distDir}/server`).toBe(before);
});

test('every kind of response carries the security headers', async () => {
  const page = await rawRequest({ path: SEED_PATH });
  // A hashed file under /_next/static/ (since decision 020 pages load no script file: the web font).
  const chunk = /(\/_next\/static\/[^"')\s]+\.(?:js|css|woff2))/.exec(page.body)?.[1];
  expect(chunk, 'the article names a file under /_next/static/').toBeTruthy();
  const targets: [string, Probe['method']?][] = [
    [SEED_PATH], // a static page
    ['/id/berita/tidak-ada-berita-ini'], // a 404
    ['/'], // a redirect from proxy.ts (language negotiation)
    ['/id/news/tiongkok-luncurkan-rencana-kerja-sama-ai-global'], // a redirect from next.config.ts
    ['/id/feed.xml'],
    ['/sitemap.xml'],
    ['/id/news/tiongkok-luncurkan-rencana-kerja-sama-ai-global/opengraph-image'],
    ['/logo.png'],
    [chunk!],
    [SEED_PATH, 'POST'], // a 405
  ];
  for (const [target, method] of targets) {
    const { status, headers } = await rawRequest({ path: target, method });
    const label = `${method ?? 'GET'} ${target} (${status})`;
    expect(headers['content-security-policy'], label).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(headers['content-security-policy'], label).not.toContain('unsafe-eval');
    expect(headers['x-content-type-options'], label).toBe('nosniff');
    expect(headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], label).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    expect(headers['x-frame-options'], label).toBe('DENY');
    expect(headers['x-powered-by'], label).toBeUndefined();
    // HSTS only behind HTTPS: the test server's SITE_URL is http.
    expect(headers['strict-transport-security'], label).toBeUndefined();
  }
});

// ── Issue 17: what a TLS proxy, a shared cache and a hostile client found ──────────────────────

/** A request line exactly as written ("*", "http://host/…"), over a socket of its own. */
function rawRequestLine(requestLine: string, headers = ''): Promise<{ status: number; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\n${headers}Connection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const head = text.split('\r\n\r\n', 1)[0]!;
      resolve({ status: Number(head.split(' ')[1]), head });
    });
    socket.on('error', reject);
  });
}

test('forwarded headers from a TLS proxy: unknown locales and escapes are still the 404, redirects stay relative', async () => {
  const forwarded: Record<string, string>[] = [
    { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' },
    { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Port': '443' },
    { Forwarded: 'for=203.0.113.7;proto=https;host=evil.example', 'X-Forwarded-Proto': 'https, http' },
  ];
  for (const headers of forwarded) {
    for (const [target, status] of [['/fr/x', 404], ['/en/%ff', 404], ['/id-ID/berita/x', 404], ['/xx', 404], [SEED_PATH, 200], ['/id/berita/tidak-ada', 404]] as const) {
      const response = await rawRequest({ path: target, headers });
      const label = `${target} with ${JSON.stringify(headers)}`;
      expect(response.status, label).toBe(status);
      expect(response.headers['x-middleware-rewrite'], label).toBeUndefined();
      for (const leak of LEAKS) expect(response.body, label).not.toContain(leak);
    }
    const redirect = await rawRequest({ path: '/berita/x', headers: { ...headers, 'Accept-Language': 'en' } });
    expect(redirect.status).toBe(307);
    expect(redirect.headers['location']).toBe('/en/news/x');
  }
});

test('odd request targets get 400, not a 500 or a redirect to another host', async () => {
  for (const line of ['GET * HTTP/1.1', 'OPTIONS * HTTP/1.1', 'GET http://evil.example/en HTTP/1.1', 'GET https://evil.example/id/berita/x HTTP/1.1', `GET http://127.0.0.1:${port}/id HTTP/1.1`]) {
    const { status, head } = await rawRequestLine(line);
    expect(status, line).toBe(400);
    expect(head, line).not.toMatch(/^location:/im);
    expect(head, line).toMatch(/^cache-control: no-store/im);
  }
});

test('encoded dots cannot carry a write method out of /api/ onto a page', async () => {
  for (const target of ['/api/%2e%2e/en', '/api/%2E%2E/id', '/api/%2e%2e/', '/api/preview/%2e%2e/%2e%2e/en', '/api/.%2e/en', '/api/%2e./id/berita/x'])
    for (const method of ['DELETE', 'POST', 'PUT', 'PATCH']) {
      const response = await rawRequest({ path: target, method });
      expect(response.status, `${method} ${target}`).toBe(405);
      expect(response.headers['allow'], `${method} ${target}`).toBe('GET, HEAD');
    }
});

/**
 * Sends a form body over a socket of its own, declared with Content-Length (possibly longer than
 * what is sent) or chunked, and stops sending as soon as an answer arrives. A server that refuses
 * a body answers and closes while the client is still sending: the socket may then report a reset,
 * which is the point, not a failure.
 */
function postBody(
  target: string,
  { send, declare, chunked = false, leaveOpen = false }: { send: number; declare?: number; chunked?: boolean; leaveOpen?: boolean },
): Promise<{ status: number; location?: string; sentBeforeAnswer: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    // A body left open is only answered by a server that stops reading at the limit; one that reads
    // on would wait for the rest for ever.
    const timer = setTimeout(() => socket.destroy(), 15_000);
    const received: Buffer[] = [];
    let sent = 0;
    let sentBeforeAnswer: number | undefined;
    const head = () => Buffer.concat(received).toString('latin1').split('\r\n\r\n', 1)[0]!;
    const finish = () => {
      clearTimeout(timer);
      const text = head();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      if (!status) return reject(new Error(`no answer to POST ${target} after ${sent} bytes (the server kept reading the body)`));
      resolve({ status, location: /^location: (.*)$/im.exec(text)?.[1]?.trim(), sentBeforeAnswer: sentBeforeAnswer ?? sent });
    };
    socket.on('data', (c: Buffer) => {
      received.push(c);
      sentBeforeAnswer ??= sent;
    });
    socket.on('close', finish);
    socket.on('error', () => undefined); // a reset after the answer: 'close' follows
    const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${declare ?? send}`;
    socket.write(`POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n${framing}\r\nConnection: close\r\n\r\n`);
    const filler = Buffer.alloc(16 * 1024, 'a');
    const write = () => {
      while (sentBeforeAnswer === undefined && sent < send && !socket.destroyed) {
        const piece = sent === 0 ? Buffer.from('return=%2Fen&x=') : filler.subarray(0, Math.min(filler.length, send - sent));
        sent += piece.length;
        const ok = socket.write(chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece);
        if (!ok) return void socket.once('drain', write);
      }
      if (sentBeforeAnswer === undefined && !socket.destroyed && !leaveOpen && chunked) socket.write('0\r\n\r\n');
    };
    write();
  });
}

test('request bodies past 64 KiB get 413 before they are read, declared or chunked', async () => {
  test.setTimeout(60_000);
  const limit = 64 * 1024;
  // Every route that takes a body: the preview exit form and the publish webhook.
  for (const target of ['/api/preview/exit', '/api/revalidate']) {
    // Declared as 50 MB, with 1 MB sent: the answer comes at once, the rest is never waited for.
    const declared = await postBody(target, { send: 1024 * 1024, declare: 50 * 1024 * 1024, leaveOpen: true });
    expect(declared.status, target).toBe(413);
    expect(declared.sentBeforeAnswer, target).toBeLessThan(50 * 1024 * 1024);
    // Chunked, 256 KiB sent and the body left open: counted as it arrives and cut at the limit.
    const chunked = await postBody(target, { send: 256 * 1024, chunked: true, leaveOpen: true });
    expect(chunked.status, target).toBe(413);
  }
  // And a whole chunked body past the limit.
  expect((await postBody('/api/preview/exit', { send: 1024 * 1024, chunked: true })).status).toBe(413);
  // Bodies within the limit still reach the route, either way.
  for (const chunkedSmall of [false, true]) {
    const small = await postBody('/api/preview/exit', { send: limit - 1024, chunked: chunkedSmall });
    expect(small.status, `chunked: ${chunkedSmall}`).toBe(303);
    expect(small.location).toBe('/en');
  }
  const over = await postBody('/api/preview/exit', { send: limit + 1 });
  expect(over.status).toBe(413);
  // The server is still up.
  expect((await rawRequest({ path: SEED_PATH })).status).toBe(200);
});

test('the image optimiser is off: /_next/image re-encodes nothing', async () => {
  for (const target of ['/_next/image?url=%2Fen%2Fshare.png&w=1920&q=75', '/_next/image?url=%2Flogo.png&w=64&q=75']) {
    const response = await rawRequest({ path: target, headers: { Accept: 'image/avif,image/webp' } });
    expect(response.status, target).toBe(404);
    expect(response.headers['content-type'] ?? '', target).not.toMatch(/^image\//);
  }
});

test('redirects carry one Location header: page 1 of a list, the other language’s slug', async () => {
  const redirects = [
    ['/id/rubrik/dunia/1', '/id/rubrik/dunia'],
    ['/en/section/world/1', '/en/section/world'],
    ['/id/halaman/1', '/id'],
    ['/en/page/1', '/en'],
    // First requests of these (no other spec asks for them): Next's first render of a prerendered
    // redirect is what sent the header twice.
    ['/en/news/shanghai-dipertimbangkan-jadi-markas-organisasi-kerja-sama-ai-global', '/en/news/shanghai-considered-as-headquarters-for-global-ai-cooperation-body'],
    ['/id/berita/world-ai-conference-in-shanghai-draws-more-than-1200-participants', '/id/berita/konferensi-ai-dunia-di-shanghai-hadirkan-lebih-dari-1200-peserta'],
  ] as const;
  for (const [from, to] of redirects) {
    // Raw, and first: Node's client keeps one of repeated Location headers.
    const raw = await rawRequestLine(`GET ${from} HTTP/1.1`);
    expect(raw.status, from).toBe(308);
    expect(raw.head.match(/^location:.*$/gim), `${from}: Location headers`).toEqual([expect.stringMatching(new RegExp(`^location: ${to}$`, 'i'))]);
  }
});

// A preview link, made as an editor makes it (scripts/preview-link.mjs), opened with plain HTTP.
const CONTENT_DIR = process.env.E2E_CONTENT_DIR;
const PREVIEW_DRAFTS = { en: '/en/news/draft-what-global-ai-governance-means', id: '/id/berita/draf-penjelasan-tata-kelola-ai' } as const;

function openPreviewLink(locale: 'id' | 'en'): Promise<{ bypass: string; token: string; bypassCookie: string; location: string }> {
  const link = execFileSync(process.execPath, [path.resolve(__dirname, '../scripts/preview-link.mjs'), 'draft-ai-governance-explainer', '--locale', locale], {
    env: { ...process.env, CONTENT_DIR, SITE_URL: `http://127.0.0.1:${port}` },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  return rawRequest({ path: new URL(link).pathname + new URL(link).search }).then((response) => {
    expect(response.status).toBe(303);
    const cookies = response.headers['set-cookie'] ?? [];
    const bypassCookie = cookies.find((c) => c.startsWith('__prerender_bypass='))!;
    const tokenCookie = cookies.find((c) => c.startsWith('kabar_preview='))!;
    expect(bypassCookie, 'Draft Mode cookie').toBeTruthy();
    expect(tokenCookie, 'token cookie').toBeTruthy();
    const value = (cookie: string) => cookie.split(';', 1)[0]!.split('=').slice(1).join('=');
    return { bypass: value(bypassCookie), token: value(tokenCookie), bypassCookie, location: response.headers['location']! };
  });
}

test.describe('a replayed Draft Mode cookie', () => {
  test.skip(!CONTENT_DIR, 'needs the e2e content folder (run through scripts/e2e.mjs)');

  test('lasts only as long as the link that set it', async () => {
    const { bypassCookie, token } = await openPreviewLink('en');
    const expiresAt = Number(token.split('.')[3]) * 1000;
    const expires = /;\s*Expires=([^;]+)/i.exec(bypassCookie)?.[1];
    expect(expires, 'the Draft Mode cookie is not a session cookie').toBeTruthy();
    expect(Date.parse(expires!)).toBe(expiresAt);
  });

  test('is no revalidation key', async () => {
    const { bypass } = await openPreviewLink('en');
    for (const target of ['/en/section/business', '/id', SEED_PATH]) {
      await rawRequest({ path: target });
      for (const header of [{ 'x-prerender-revalidate': bypass }, { 'x-prerender-revalidate': bypass, 'x-prerender-revalidate-if-generated': '1' }]) {
        const response = await rawRequest({ path: target, method: 'HEAD', headers: header as Record<string, string> });
        expect(response.status, target).toBe(200);
        expect(response.headers['x-nextjs-cache'], `${target}: regenerated on demand by an outsider`).not.toBe('REVALIDATED');
        expect(response.headers['cache-control'], target).toMatch(/s-maxage=/);
      }
    }
  });

  test('opens nothing without a valid token beside it: pages stay static, 404s say 404', async () => {
    const { bypass } = await openPreviewLink('en');
    for (const cookie of [`__prerender_bypass=${bypass}`, `__prerender_bypass=${bypass}; kabar_preview=v1.draft-ai-governance-explainer.en.1.x`, `__prerender_bypass=${bypass}; kabar_preview=`]) {
      const missing = await rawRequest({ path: '/en/news/no-such-story-here', headers: { Cookie: cookie } });
      expect(missing.status, cookie).toBe(404);
      const draft = await rawRequest({ path: PREVIEW_DRAFTS.en, headers: { Cookie: cookie } });
      expect(draft.status, cookie).toBe(404);
      const page = await rawRequest({ path: '/en/section/business', headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      expect(page.headers['cache-control'], `${cookie}: served from the static cache`).toMatch(/s-maxage=/);
    }
  });
});

test.describe('preview scope', () => {
  test.skip(!CONTENT_DIR, 'needs the e2e content folder (run through scripts/e2e.mjs)');

  test('a link opens its own language only, page and share image', async () => {
    const { bypass, token, location } = await openPreviewLink('en');
    expect(location).toBe(PREVIEW_DRAFTS.en);
    const Cookie = `__prerender_bypass=${bypass}; kabar_preview=${token}`;
    expect((await rawRequest({ path: PREVIEW_DRAFTS.en, headers: { Cookie } })).status).toBe(200);
    const other = await rawRequest({ path: PREVIEW_DRAFTS.id, headers: { Cookie } });
    expect(other.status, 'the Indonesian draft with an English link').toBe(404);
    const idTitle = /^title: "?(.*?)"?$/m.exec(readFileSync(path.join(CONTENT_DIR!, 'id/draf-penjelasan-tata-kelola-ai.md'), 'utf8'))![1]!;
    expect(other.body, 'the Indonesian draft’s title').not.toContain(idTitle);
    const image = (locale: string) => rawRequest({ path: `/api/preview/share-image?id=draft-ai-governance-explainer&locale=${locale}`, headers: { Cookie } });
    expect((await image('en')).status).toBe(200);
    expect((await image('id')).status, 'the Indonesian share image with an English link').toBe(404);
  });

  test('another site cannot end a preview (a forged exit post)', async () => {
    const { bypass, token } = await openPreviewLink('en');
    const Cookie = `__prerender_bypass=${bypass}; kabar_preview=${token}`;
    const forged: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null' }];
    for (const headers of forged) {
      const response = await rawRequest({ path: '/api/preview/exit', method: 'POST', headers: { ...headers, Cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers['set-cookie'], JSON.stringify(headers)).toBeUndefined();
    }
    const own = await rawRequest({ path: '/api/preview/exit', method: 'POST', headers: { Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin', Cookie } });
    expect(own.status).toBe(303);
  });
});
