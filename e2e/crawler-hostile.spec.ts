import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SEED_EN_PATH, SEED_PATH } from './support/stories';

// Scanners, scrapers and broken clients: more than a thousand hostile requests, fixed and generated.
// Each gets a 4xx that fits (or a redirect to one, for paths without a locale, which the language
// negotiation redirects), never a 5xx, never a byte from outside content/, and the server stays up.

interface Probe {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** "missing": 400/404/405/414/431, or a same-site redirect that ends there; "refused": 405; "page": the page still answers. */
  expect: 'missing' | 'refused' | 'page';
  /** Headers past Node's limit: the server answers 431 and drops the connection, so use a fresh one. */
  oversized?: true;
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
  else expect([400, 404, 405, 414, 431], `${label} (ended at ${target.slice(0, 120)}) is refused or missing`).toContain(response.status);
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
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body)?.[1];
  expect(chunk, 'the article loads a script chunk').toBeTruthy();
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
