import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentSnapshot } from '@/lib/content/live';
import { buildIndex } from '@/lib/content/index';
import type { Article } from '@/lib/content/parse';
import { flushPurges, PURGE_DEBOUNCE_MS, queuePurge } from '@/lib/front-cache/purge';

const article = (slug: string): Article =>
  ({ translationId: slug, slug, locale: 'id', section: 'world', status: 'published', publishedAt: new Date(Date.now() - 3_600_000).toISOString(), file: `id/${slug}.md` }) as unknown as Article;

function snapshot(articles: Article[], version: string): ContentSnapshot {
  return { version, articles, index: buildIndex(articles), nextEmbargoAt: undefined, takenAt: Date.now() };
}

const before = snapshot([article('satu')], 'v1');
const after = snapshot([article('satu'), article('dua')], 'v2');

let server: http.Server;
let received: { method?: string; keys?: string }[];
let answer = 200;
let url: string;

beforeEach(async () => {
  received = [];
  answer = 200;
  server = http.createServer((req, res) => {
    received.push({ method: req.method, keys: req.headers['xkey-purge'] as string | undefined });
    res.writeHead(answer).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  vi.stubEnv('PURGE_URL', url);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
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
    await new Promise((resolve) => setTimeout(resolve, PURGE_DEBOUNCE_MS * 3));
    expect(received).toHaveLength(1);
    expect(received[0]!.keys!.split(' ')).toEqual(expect.arrayContaining(['story-dua', 'story-tiga']));
  });

  it('logs a failing front cache once, never throws, and says when purges go through again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    answer = 500;
    for (let i = 0; i < 3; i++) {
      queuePurge(before, after);
      await flushPurges();
    }
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toContain(`purging ${url} failed (it answered 500)`);
    answer = 200;
    queuePurge(before, after);
    await flushPurges();
    expect(log).toHaveBeenCalledWith(`[front-cache] purges reach ${url} again`);
  });

  it('does nothing without PURGE_URL', async () => {
    vi.stubEnv('PURGE_URL', '');
    queuePurge(before, after);
    await flushPurges();
    expect(received).toHaveLength(0);
  });
});
