import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentSnapshot } from '@/lib/content/live';
import { buildIndex } from '@/lib/content/index';
import type { Article } from '@/lib/content/parse';
import { metricsText, resetMetrics } from '@/lib/observability/metrics.mjs';
import { cancelPendingPurges, DEFAULT_REPEAT_MS, flushPurges, pendingPurges, PURGE_DEBOUNCE_MS, queuePurge } from '@/lib/front-cache/purge';

const article = (slug: string): Article =>
  ({ translationId: slug, slug, locale: 'id', section: 'world', status: 'published', publishedAt: new Date(Date.now() - 3_600_000).toISOString(), file: `id/${slug}.md` }) as unknown as Article;

function snapshot(articles: Article[], version: string): ContentSnapshot {
  return { version, articles, index: buildIndex(articles), nextEmbargoAt: undefined, takenAt: Date.now() };
}

const before = snapshot([article('satu')], 'v1');
const after = snapshot([article('satu'), article('dua')], 'v2');

let server: http.Server;
let received: { method?: string; keys?: string; at: number }[];
let answer = 200;
let url: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  received = [];
  answer = 200;
  server = http.createServer((req, res) => {
    received.push({ method: req.method, keys: req.headers['xkey-purge'] as string | undefined, at: Date.now() });
    res.writeHead(answer).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  vi.stubEnv('PURGE_URL', url);
  // No repeat unless a test asks for one: it would land after the test.
  vi.stubEnv('PURGE_REPEAT_MS', '0');
  vi.stubEnv('PURGE_RETRY_MS', '40');
});
afterEach(async () => {
  cancelPendingPurges();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('purging the front cache', () => {
  it('sends PURGE with the keys of the change, at once when flushed', async () => {
    queuePurge(before, after);
    await flushPurges();
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('PURGE');
    expect(received[0]!.keys!.split(' ')).toEqual(expect.arrayContaining(['story-dua', 'list-home-id', 'latest-id', 'feed-id', 'sitemap']));
  });

  it('gathers changes that follow each other into one request', async () => {
    queuePurge(before, after);
    queuePurge(after, snapshot([article('satu'), article('dua'), article('tiga')], 'v3'));
    await sleep(PURGE_DEBOUNCE_MS * 3);
    expect(received).toHaveLength(1);
    expect(received[0]!.keys!.split(' ')).toEqual(expect.arrayContaining(['story-dua', 'story-tiga']));
  });

  it('sends every purge again once a render under way could have reached the front cache', async () => {
    vi.stubEnv('PURGE_REPEAT_MS', '300');
    queuePurge(before, after);
    const flushed = Date.now();
    await flushPurges();
    expect(received).toHaveLength(1);
    await sleep(150);
    expect(received, 'not before the bound').toHaveLength(1);
    await expect.poll(() => received.length, { timeout: 2_000 }).toBe(2);
    expect(received[1]!.at - flushed).toBeGreaterThanOrEqual(290);
    expect(received[1]!.keys).toBe(received[0]!.keys);
    await sleep(400);
    expect(received, 'once: the repeat is not repeated').toHaveLength(2);
  });

  it('waits by default as long as the backend may take to answer Varnish (connect + first byte, with margin)', async () => {
    const { backendsVcl } = await import('../../deploy/varnish/backends.cjs');
    const vcl = backendsVcl([3001]);
    const seconds = (name: string) => Number(new RegExp(`\\.${name} = (\\d+)s;`).exec(vcl)![1]);
    expect(DEFAULT_REPEAT_MS).toBeGreaterThan((seconds('connect_timeout') + seconds('first_byte_timeout')) * 1000);
  });

  it('retries a failed purge with backoff until it goes through, logging the failure and the recovery once each', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    resetMetrics();
    answer = 500;
    queuePurge(before, after);
    await flushPurges();
    expect(pendingPurges(url)).toEqual(expect.arrayContaining(['story-dua']));
    // 40, 80, 160 ms … apart: at least three retries within a second, each with the same keys.
    await expect.poll(() => received.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(4);
    const gaps = received.slice(1, 4).map((r, i) => r.at - received[i]!.at);
    // Each wait at least twice the one before (a loaded machine only makes them longer).
    gaps.forEach((gap, i) => expect(gap, `retry ${i + 1}`).toBeGreaterThanOrEqual(40 * 2 ** i - 5));
    expect(new Set(received.map((r) => r.keys))).toEqual(new Set([received[0]!.keys]));
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toContain(`purging ${url} failed (it answered 500); retrying`);

    answer = 200;
    const attempts = received.length;
    await expect.poll(() => pendingPurges(url), { timeout: 3_000 }).toEqual([]);
    expect(received.length).toBeGreaterThan(attempts);
    expect(String(log.mock.calls.at(-1)![0])).toMatch(new RegExp(`purges reach ${url} again \\(after \\d+ failed attempts\\)`));
    const settled = received.length;
    await sleep(500);
    expect(received, 'no more retries once it went through').toHaveLength(settled);
    expect(error).toHaveBeenCalledTimes(1);
    // What an operator sees of it in /metrics: each failed attempt, and each attempt after the first.
    const { text } = await metricsText();
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(value('kabar_front_cache_purge_failures_total')).toBe(attempts);
    expect(value('kabar_front_cache_purge_retries_total')).toBe(settled - 1);
  });

  it('retries a front cache that refuses connections, and a later change purges with what it missed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.stubEnv('PURGE_RETRY_MS', '60000');
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    queuePurge(before, after);
    await flushPurges();
    expect(pendingPurges(url)).toEqual(expect.arrayContaining(['story-dua', 'sitemap']));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    // The next change goes out at once, carrying the keys the failed one left.
    queuePurge(after, snapshot([article('satu'), article('dua'), article('tiga')], 'v3'));
    await flushPurges();
    expect(received).toHaveLength(1);
    expect(received[0]!.keys!.split(' ')).toEqual(expect.arrayContaining(['story-dua', 'story-tiga']));
    expect(pendingPurges(url)).toEqual([]);
  });

  it('does nothing without PURGE_URL', async () => {
    vi.stubEnv('PURGE_URL', '');
    queuePurge(before, after);
    await flushPurges();
    expect(received).toHaveLength(0);
  });
});
