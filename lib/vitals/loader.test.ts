import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { vitalsLoader, vitalsSampleRate, vitalsScriptUrl } from './loader';

/** Runs the loader as a browser would, with Math.random() answering `random`; returns the scripts it added. */
function load(source: string, random: number, readyState = 'complete') {
  const added: { src: string; async: boolean; dataset: Record<string, string> }[] = [];
  const listeners: Record<string, () => void> = {};
  const document = {
    readyState,
    createElement: () => ({ src: '', async: false, dataset: {} as Record<string, string> }),
    head: { appendChild: (el: (typeof added)[number]) => added.push(el) },
  };
  const math = Object.create(Math) as Math;
  math.random = () => random;
  runInNewContext(source, { document, navigator: { sendBeacon: () => true }, Math: math, addEventListener: (type: string, fn: () => void) => (listeners[type] = fn) });
  return { added, listeners };
}

describe('the Web Vitals loader', () => {
  it('adds the script, async and with the page kind, for a sampled page view only', () => {
    const source = vitalsLoader(0.1, '/vitals.js?v=abc', 'article');
    expect(load(source, 0.05).added).toEqual([{ src: '/vitals.js?v=abc', async: true, dataset: { page: 'article' } }]);
    expect(load(source, 0.5).added).toEqual([]);
    expect(load(vitalsLoader(0, '/vitals.js?v=abc', 'article'), 0).added).toEqual([]);
  });

  it('waits for the page to load before it adds anything', () => {
    const { added, listeners } = load(vitalsLoader(1, '/vitals.js?v=abc', 'list'), 0, 'interactive');
    expect(added).toEqual([]);
    listeners.load!();
    expect(added).toHaveLength(1);
  });

  it('is small: well under the 2 KB gzip budget of what every reader page may gain', () => {
    expect(gzipSync(vitalsLoader(0.1, '/vitals.js?v=0123456789ab', 'article'), { level: 9 }).length).toBeLessThan(400);
  });
});

describe('VITALS_SAMPLE_RATE', () => {
  it('is a share of page views from 0 to 1, 0.1 unless set, and says why when it is not one', () => {
    expect(vitalsSampleRate(undefined)).toEqual({ rate: 0.1 });
    expect(vitalsSampleRate('1')).toEqual({ rate: 1 });
    expect(vitalsSampleRate('0')).toEqual({ rate: 0 });
    expect(vitalsSampleRate('10%')).toEqual({ rate: 0.1, problem: expect.stringContaining('VITALS_SAMPLE_RATE="10%" is not a share from 0 to 1') });
    expect(vitalsSampleRate('2').problem).toBeDefined();
  });
});

describe('the measurement script', () => {
  it('is versioned by its content, and missing (said once, no loader) when the build made none', async () => {
    const { buildVitals } = await import('../../scripts/build-vitals.mjs');
    const sizes = await buildVitals({ quiet: true });
    const file = path.resolve(__dirname, '../../public/vitals.js');
    const body = readFileSync(file, 'utf8');
    // The beacon goes to the site's endpoint; nothing reads or writes a cookie or storage.
    expect(body).toContain('/api/vitals');
    expect(body).toContain('sendBeacon');
    expect(body).not.toMatch(/document\.cookie|localStorage|sessionStorage/);
    expect(sizes.gzip).toBeLessThan(4 * 1024);
    expect(vitalsScriptUrl(file)).toMatch(/^\/vitals\.js\?v=[\w-]{12}$/);
    expect(vitalsScriptUrl(path.join(mkdtempSync(path.join(tmpdir(), 'kabar-vitals-')), 'vitals.js'))).toBeUndefined();
  });
});
