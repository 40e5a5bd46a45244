import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricsText, observePublishLag, observeRequest, observeWebVital, countStoreOutage, countPurgeFailure, markStoreUp, watchContentVersion } from './metrics.mjs';

// deploy/prometheus/prometheus.yml and deploy/grafana/kabar-dashboard.json are read by machines
// this project does not run: they are checked here against what the site actually exports.
const root = path.resolve(__dirname, '../..');

function promtool(): { path: string } | { reason: string } {
  const output = execFileSync(process.execPath, [path.join(root, 'scripts/find-promtool.mjs'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(output) as { path: string } | { reason: string };
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/grafana/kabar-dashboard.json'), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };

  it('has a panel for each of the five numbers', () => {
    const titles = dashboard.panels.map((p) => p.title);
    for (const number of [/p95 latency/, /front hit ratio/i, /publish lag/i, /5xx rate/, /LCP and INP at p75/]) expect(titles.some((t) => number.test(t)), String(number)).toBe(true);
  });

  it('queries only metrics the site exports (or Varnish’s exporter)', async () => {
    observeRequest('article', 200, 0.01);
    observePublishLag(Date.now());
    observeWebVital('LCP', 1000, 'article', 'id');
    observeWebVital('INP', 100, 'article', 'id');
    countStoreOutage('redis');
    markStoreUp('redis', true);
    countPurgeFailure();
    watchContentVersion(() => ({ version: 'abc', takenAt: Date.now() }));
    const { text } = await metricsText();
    const exported = new Set([...text.matchAll(/^([a-z_:]+)[{ ]/gm)].map((m) => m[1]!));
    const queried = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:kabar|nodejs|process|varnish)_[a-z_]+)\b/g)].map((m) => m[1]!)));
    expect(queried.length).toBeGreaterThan(8);
    const unknown = queried.filter((name) => !name.startsWith('varnish_') && !exported.has(name));
    expect(unknown).toEqual([]);
  });
});

describe('the Prometheus scrape configuration', () => {
  it('passes `promtool check config`, scraping with the bearer token file', (context) => {
    const tool = promtool();
    if (!('path' in tool)) {
      context.skip(`promtool is not available: ${tool.reason}`);
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'kabar-prometheus-'));
    const token = path.join(dir, 'token');
    writeFileSync(token, 'metrics-token-0123456789abcdef\n');
    const config = readFileSync(path.join(root, 'deploy/prometheus/prometheus.yml'), 'utf8');
    expect(config).toContain('credentials_file: /etc/prometheus/kabar-metrics-token');
    const file = path.join(dir, 'prometheus.yml');
    writeFileSync(file, config.replaceAll('/etc/prometheus/kabar-metrics-token', token));
    const checked = spawnSync(tool.path, ['check', 'config', file], { encoding: 'utf8' });
    expect(checked.status, `${checked.stdout}${checked.stderr}`).toBe(0);
  });
});
