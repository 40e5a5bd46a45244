import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript loaded by Next as its cacheHandler, with no declaration of its own.
import ContentCacheHandler from '../cache/content-cache-handler.mjs';
import {
  countPageCacheRead,
  countPurgeFailure,
  countStoreOutage,
  markStoreUp,
  metricsText,
  observePublishLag,
  observeRequest,
  observeWebVital,
  resetMetrics,
  watchContentVersion,
} from './metrics.mjs';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** promtool, found as the e2e tools are (scripts/find-promtool.mjs), or why not. */
function promtool(): { path: string } | { reason: string } {
  const output = execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/find-promtool.mjs'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(output) as { path: string } | { reason: string };
}

beforeEach(() => {
  resetMetrics();
  watchContentVersion(() => undefined);
});

describe('metrics', () => {
  it('count requests by route kind and status class, and their duration', async () => {
    observeRequest('article', 200, 0.004);
    observeRequest('article', 304, 0.002);
    observeRequest('list', 503, 1.2);
    const { text, contentType } = await metricsText();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'kabar_http_request_duration_seconds_count{route="article",status_class="2xx"}')).toBe(1);
    expect(sample(text, 'kabar_http_request_duration_seconds_count{route="article",status_class="3xx"}')).toBe(1);
    expect(sample(text, 'kabar_http_request_duration_seconds_bucket{le="0.005",route="article",status_class="2xx"}')).toBe(1);
    expect(sample(text, 'kabar_http_request_duration_seconds_bucket{le="1",route="list",status_class="5xx"}')).toBe(0);
    expect(sample(text, 'kabar_http_request_duration_seconds_sum{route="list",status_class="5xx"}')).toBeCloseTo(1.2);
  });

  it('count page-cache hits and misses of the memory layer as Next reads it', async () => {
    const cache = new ContentCacheHandler();
    const key = `/id/berita/metrics-${Date.now()}`;
    expect(await cache.get(key)).toBeNull();
    await cache.set(key, { kind: 'APP_PAGE', html: '<p>x</p>', status: 200, headers: {} }, {});
    expect(await cache.get(key)).not.toBeNull();
    await cache.get(key);
    countPageCacheRead('redis', false);
    const { text } = await metricsText();
    expect(sample(text, 'kabar_page_cache_requests_total{layer="memory",result="miss"}')).toBe(1);
    expect(sample(text, 'kabar_page_cache_requests_total{layer="memory",result="hit"}')).toBe(2);
    expect(sample(text, 'kabar_page_cache_requests_total{layer="redis",result="miss"}')).toBe(1);
  });

  it('name the content version served and its age, one series at a time', async () => {
    let snapshot = { version: 'a1b2c3', takenAt: Date.now() - 90_000 };
    watchContentVersion(() => snapshot);
    let { text } = await metricsText();
    expect(sample(text, 'kabar_content_version_info{version="a1b2c3"}')).toBe(1);
    expect(sample(text, 'kabar_content_version_age_seconds')).toBeGreaterThanOrEqual(90);
    snapshot = { version: 'd4e5f6', takenAt: Date.now() };
    ({ text } = await metricsText());
    expect(sample(text, 'kabar_content_version_info{version="d4e5f6"}')).toBe(1);
    expect(text).not.toContain('a1b2c3');
    expect(sample(text, 'kabar_content_version_age_seconds')).toBeLessThan(5);
  });

  it('measure publish lag, store outages and reconnects, and purge failures', async () => {
    observePublishLag(Date.now() - 1_500);
    countStoreOutage('postgres');
    markStoreUp('postgres', true);
    countStoreOutage('redis');
    countPurgeFailure();
    const { text } = await metricsText();
    expect(sample(text, 'kabar_publish_lag_seconds_count')).toBe(1);
    expect(sample(text, 'kabar_publish_lag_seconds_bucket{le="1"}')).toBe(0);
    expect(sample(text, 'kabar_publish_lag_seconds_bucket{le="2"}')).toBe(1);
    expect(sample(text, 'kabar_store_outages_total{store="postgres"}')).toBe(1);
    expect(sample(text, 'kabar_store_reconnects_total{store="postgres"}')).toBe(1);
    expect(sample(text, 'kabar_store_up{store="postgres"}')).toBe(1);
    expect(sample(text, 'kabar_store_up{store="redis"}')).toBe(0);
    expect(sample(text, 'kabar_front_cache_purge_failures_total')).toBe(1);
  });

  it('report the process: event-loop lag, heap and resident memory', async () => {
    const { text } = await metricsText();
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  });

  it('convert Web Vitals to seconds, by page kind and language', async () => {
    observeWebVital('LCP', 2300, 'article', 'id');
    observeWebVital('CLS', 0.08, 'list', 'en');
    const { text } = await metricsText();
    expect(sample(text, 'kabar_web_vitals_lcp_seconds_bucket{le="2.5",page="article",language="id"}')).toBe(1);
    expect(sample(text, 'kabar_web_vitals_lcp_seconds_bucket{le="2",page="article",language="id"}')).toBe(0);
    expect(sample(text, 'kabar_web_vitals_cls_sum{page="list",language="en"}')).toBeCloseTo(0.08);
  });

  it('pass `promtool check metrics`', async (context) => {
    const tool = promtool();
    if (!('path' in tool)) {
      context.skip(`promtool is not available: ${tool.reason}`);
      return;
    }
    observeRequest('feed', 200, 0.01);
    observeWebVital('INP', 120, 'article', 'en');
    observePublishLag(Date.now() - 200);
    watchContentVersion(() => ({ version: 'abcdef0123456789', takenAt: Date.now() }));
    const { text } = await metricsText();
    const checked = spawnSync(tool.path, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(checked.status, `promtool check metrics said:\n${checked.stdout}${checked.stderr}`).toBe(0);
    expect(`${checked.stdout}${checked.stderr}`.trim()).toBe('');
  });
});
