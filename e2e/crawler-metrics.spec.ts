import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { notificationBody } from '../lib/publish/notify';
import { signNotification } from '../lib/publish/webhook';
import { startServer, type TestServer } from './support/server';
import { SEED_PATH } from './support/stories';
import { findTool, freePort, within } from './support/tools';

// What an operator sees of a production server (decision 029): /metrics after real traffic, the
// server's log lines, and Web Vitals sent by a real Chromium. A server of its own, so its counters
// and its output hold this test's traffic only.

const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef';
const REVALIDATE_SECRET = 'e2e-revalidate-secret-for-metrics-0123456789';
const DESK_SECRET = 'e2e-desk-secret-for-metrics-0123456789abcdef';
const SESSION_COOKIE = 'e2e-session-cookie-value-3f9a1c';

let server: TestServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startServer({
    port: await freePort(),
    env: { METRICS_TOKEN, REVALIDATE_SECRET, DESK_SECRET, VITALS_SAMPLE_RATE: '1', LOG_LEVEL: 'debug' },
  });
});
test.afterAll(async () => {
  await server?.stop();
});

const scrape = async () => {
  const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
};

/** The sum of every sample of `name` whose labels include all of `labels`. */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

test('/metrics: 404 through a server without METRICS_TOKEN, 401 without the token or with another, never cached', async ({ request }) => {
  // The shared server under test has no METRICS_TOKEN: the endpoint does not exist there.
  const absent = await request.get('/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(absent.status()).toBe(404);
  const attempts: Record<string, string>[] = [{}, { Authorization: `Bearer ${METRICS_TOKEN}x` }, { Authorization: 'Bearer ' }];
  for (const headers of attempts) {
    const refused = await fetch(`${server.url}/metrics`, { headers });
    expect(refused.status, JSON.stringify(headers)).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('private, no-store');
    expect(await refused.text()).not.toContain('kabar_');
  }
});

test('after real traffic the counters have moved, and promtool accepts the output', async () => {
  const before = await scrape();
  const articleRequests = (text: string) => total(text, 'kabar_http_request_duration_seconds_count', { route: 'article', status_class: '2xx' });
  const cacheReads = (text: string) => total(text, 'kabar_page_cache_requests_total', { layer: 'memory' });
  for (let i = 0; i < 3; i++) {
    const page = await fetch(`${server.url}${SEED_PATH}`, { headers: { Cookie: `better-auth.session_token=${SESSION_COOKIE}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await page.text();
  }
  const given = await fetch(`${server.url}/id`, { headers: { 'X-Request-Id': 'varnish-e2e-42' } });
  expect(given.headers.get('x-request-id')).toBe('varnish-e2e-42');
  await given.text();
  await (await fetch(`${server.url}/id/feed.xml`)).text();
  await (await fetch(`${server.url}/sitemap.xml`)).text();
  // A preview link with a token in its query, and a publish notification: neither may reach the log.
  await (await fetch(`${server.url}/api/preview?token=e2e-preview-token-in-the-query-77`, { redirect: 'manual' })).text();
  const body = notificationBody('e2e metrics', []);
  const notified = await fetch(`${server.url}/api/revalidate`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...signNotification(REVALIDATE_SECRET, body) }, body });
  expect(notified.status).toBe(200);

  const after = await scrape();
  expect(articleRequests(after) - articleRequests(before), 'article requests counted').toBe(3);
  expect(cacheReads(after), 'page-cache reads of the memory layer counted').toBeGreaterThan(cacheReads(before));
  expect(total(after, 'kabar_page_cache_requests_total', { layer: 'memory', result: 'hit' }), 'a page served again from the cache').toBeGreaterThan(0);
  expect(total(after, 'kabar_http_request_duration_seconds_count', { route: 'feed' })).toBeGreaterThan(0);
  expect(total(after, 'kabar_http_request_duration_seconds_count', { route: 'sitemap' })).toBeGreaterThan(0);
  expect(total(after, 'kabar_http_request_duration_seconds_count', { route: 'list' })).toBeGreaterThan(0);
  expect(total(after, 'kabar_publish_lag_seconds_count') - total(before, 'kabar_publish_lag_seconds_count'), 'the notification’s lag measured').toBe(1);
  expect(after).toMatch(/^kabar_content_version_info\{version="[0-9a-f]{16}"\} 1$/m);
  expect(total(after, 'kabar_content_version_age_seconds')).toBeGreaterThanOrEqual(0);
  expect(total(after, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
  expect(after).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);

  const promtool = findTool('promtool');
  if (!('path' in promtool)) {
    console.log(`crawler-metrics: promtool check skipped, ${promtool.reason}`);
    return;
  }
  const checked = spawnSync(promtool.path, ['check', 'metrics'], { input: after, encoding: 'utf8' });
  expect(checked.status, `promtool check metrics:\n${checked.stdout}${checked.stderr}`).toBe(0);
});

test('a real Chromium on an article sends its Web Vitals in a beacon that shows in /metrics; the page still has no Next runtime', async ({ page }) => {
  const counted = (text: string) => total(text, 'kabar_web_vitals_ttfb_seconds_count', { page: 'article', language: 'id' });
  const before = counted(await scrape());
  const beacon = page.waitForRequest((req) => new URL(req.url()).pathname === '/api/vitals' && req.method() === 'POST', { timeout: 20_000 });
  await page.goto(`${server.url}${SEED_PATH}`, { waitUntil: 'load' });
  expect(await page.locator('script[src*="/_next/"]').count(), 'no script of Next’s runtime').toBe(0);
  // The measurement script, added by the loader after `load` (VITALS_SAMPLE_RATE=1: every view).
  await expect(page.locator('script[src^="/vitals.js?v="]')).toHaveCount(1);
  // Web Vitals report FCP and TTFB once the script has read them.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.cookie), 'no cookie set by the measurement').toBe('');
  // The reader switches to another tab: the page is hidden, and the script sends what it measured.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  const sent = await beacon;
  const payload = JSON.parse(sent.postData() ?? '{}') as { page: string; language: string; metrics: { name: string }[] };
  expect(payload).toMatchObject({ page: 'article', language: 'id' });
  expect(Object.keys(payload).sort()).toEqual(['language', 'metrics', 'page']);
  expect(payload.metrics.map((m) => m.name)).toEqual(expect.arrayContaining(['TTFB', 'FCP']));
  await within(10_000, async () => expect(counted(await scrape())).toBeGreaterThan(before));
});

test('the server’s log lines are JSON, name their request, and hold no secret', async () => {
  const output = server.output();
  const lines = output.split('\n').filter((line) => line.startsWith('{'));
  expect(lines.length).toBeGreaterThan(3);
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const record of records) {
    expect(typeof record.time).toBe('string');
    expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(record.level);
    expect(typeof record.msg).toBe('string');
  }
  // LOG_LEVEL=debug: a line per request, with its id and route kind.
  expect(records).toContainEqual(expect.objectContaining({ requestId: 'varnish-e2e-42', route: 'list', msg: 'GET /id 200' }));
  expect(records).toContainEqual(expect.objectContaining({ route: 'article', msg: `GET ${SEED_PATH} 200`, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) }));
  // The site's own lines never go out as plain text.
  const plain = output.split('\n').filter((line) => !line.startsWith('{') && /\[(content|front-cache|cache|preview|publish|vitals|metrics)\]/.test(line));
  expect(plain).toEqual([]);
  for (const secret of [METRICS_TOKEN, REVALIDATE_SECRET, DESK_SECRET, SESSION_COOKIE, process.env.PREVIEW_SECRET!, 'e2e-preview-token-in-the-query-77']) {
    expect(output, 'a secret in the server output').not.toContain(secret);
  }
});
