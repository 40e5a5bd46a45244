/**
 * Web Vitals from real readers, in their browser: the source of public/vitals.js (bundled with the
 * `web-vitals` library by scripts/build-vitals.mjs before every build). A reader page never loads
 * it directly: the page's inline loader (lib/vitals/loader.ts) adds it, for the sampled page views
 * only, once the page has loaded, so it cannot delay the page.
 *
 * It sends each page view's LCP, INP, CLS, FCP and TTFB in one or two beacons (when the page is
 * hidden: a reader switching tabs or leaving), with the page's kind and language, and nothing
 * else: no cookie (a beacon to this site would carry one; the site sets none on reader pages), no
 * identifier, no URL.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';

const script = document.currentScript as HTMLScriptElement | null;
const page = script?.dataset.page ?? 'other';
const language = document.documentElement.lang;
const pending = new Map<string, number>();

function send(): void {
  if (!pending.size) return;
  const body = JSON.stringify({ page, language, metrics: [...pending].map(([name, value]) => ({ name, value: Math.round(value * 1000) / 1000 })) });
  pending.clear();
  navigator.sendBeacon('/api/vitals', body);
}

// The latest value of each: CLS and INP grow while the reader stays.
const keep = (metric: Metric) => pending.set(metric.name, metric.value);
onCLS(keep);
onINP(keep);
onLCP(keep);
onFCP(keep);
onTTFB(keep);
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') send();
});
addEventListener('pagehide', send);
