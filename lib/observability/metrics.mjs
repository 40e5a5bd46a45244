// The server's metrics, in Prometheus' text format through prom-client, answered at GET /metrics
// by the HTTP guard (lib/http/metrics-endpoint.ts). Plain JavaScript and a leaf (it imports
// nothing of the site's), like the log, so the store, the cache handlers Next loads outside its
// bundles, the routes and the guard all record into it. See docs/decisions/029-observability.md.
import client from 'prom-client';

const STATE = Symbol.for('kabar-kini.metrics');

/** Seconds; request durations from a cache hit (≈ 1 ms) to a slow render. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds from a publish's notification to the new content served. */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

/**
 * The Web Vitals (web.dev's thresholds between "good", "needs improvement" and "poor" are bucket
 * bounds, so the share of readers on each side can be read off the histogram).
 */
export const WEB_VITALS = {
  LCP: { name: 'kabar_web_vitals_lcp_seconds', help: 'Largest Contentful Paint seen by readers (sampled), in seconds.', unit: 1000, max: 120, buckets: [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15, 20, 30] },
  INP: { name: 'kabar_web_vitals_inp_seconds', help: 'Interaction to Next Paint seen by readers (sampled), in seconds.', unit: 1000, max: 60, buckets: [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2, 5] },
  CLS: { name: 'kabar_web_vitals_cls', help: 'Cumulative Layout Shift seen by readers (sampled), unitless.', unit: 1, max: 100, buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2] },
  FCP: { name: 'kabar_web_vitals_fcp_seconds', help: 'First Contentful Paint seen by readers (sampled), in seconds.', unit: 1000, max: 120, buckets: [0.5, 1, 1.5, 1.8, 2.5, 3, 4, 5, 8, 10, 20] },
  TTFB: { name: 'kabar_web_vitals_ttfb_seconds', help: 'Time to First Byte seen by readers (sampled), in seconds.', unit: 1000, max: 120, buckets: [0.1, 0.2, 0.4, 0.8, 1.2, 1.8, 2.5, 4, 6, 10, 20] },
};

function create() {
  const registry = new client.Registry();
  // Event-loop lag, heap, RSS, CPU, handles, GC: prom-client's defaults, under their usual names.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  // Gauges that prom-client names like counters (`…_total`), which `promtool check metrics` rejects;
  // nothing here needs them (the process' handles and requests, by kind).
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
  const content = { version: undefined, since: undefined, source: undefined };
  const m = {
    registry,
    content,
    requestDuration: new client.Histogram({
      name: 'kabar_http_request_duration_seconds',
      help: 'Time from a request reaching the server to the end of its response, by route kind and status class.',
      labelNames: ['route', 'status_class'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    pageCache: new client.Counter({
      name: 'kabar_page_cache_requests_total',
      help: "Reads of Next's page cache by layer (memory: this instance; redis: shared by every instance) and result (hit, miss).",
      labelNames: ['layer', 'result'],
      registers: [registry],
    }),
    contentVersion: new client.Gauge({
      name: 'kabar_content_version_info',
      help: 'The content version this instance serves (1 for the current one).',
      labelNames: ['version'],
      registers: [registry],
      collect() {
        refreshContentVersion(m);
      },
    }),
    contentAge: new client.Gauge({
      name: 'kabar_content_version_age_seconds',
      help: 'Seconds since this instance started serving its current content version.',
      registers: [registry],
      collect() {
        refreshContentVersion(m);
        if (content.since !== undefined) this.set(Math.max(0, (Date.now() - content.since) / 1000));
      },
    }),
    publishLag: new client.Histogram({
      name: 'kabar_publish_lag_seconds',
      help: "Seconds from a publish's notification (the signed HTTP notification's timestamp, or the commit time in PostgreSQL's NOTIFY) to the new content served by this instance.",
      buckets: LAG_BUCKETS,
      registers: [registry],
    }),
    storeOutages: new client.Counter({
      name: 'kabar_store_outages_total',
      help: 'Times a store (redis: the shared page cache; postgres: the content store) became unreachable.',
      labelNames: ['store'],
      registers: [registry],
    }),
    storeReconnects: new client.Counter({
      name: 'kabar_store_reconnects_total',
      help: 'Times a store (redis, postgres) was reached again after an outage.',
      labelNames: ['store'],
      registers: [registry],
    }),
    storeUp: new client.Gauge({
      name: 'kabar_store_up',
      help: 'Whether a store (redis, postgres) is reachable now (1) or not (0); absent for a store not configured.',
      labelNames: ['store'],
      registers: [registry],
    }),
    purgeFailures: new client.Counter({
      name: 'kabar_front_cache_purge_failures_total',
      help: 'PURGE requests to a front cache (PURGE_URL) that failed.',
      registers: [registry],
    }),
    purgeRetries: new client.Counter({
      name: 'kabar_front_cache_purge_retries_total',
      help: 'Purges sent again after a failure.',
      registers: [registry],
    }),
    vitals: Object.fromEntries(
      Object.entries(WEB_VITALS).map(([metric, spec]) => [
        metric,
        new client.Histogram({ name: spec.name, help: spec.help, labelNames: ['page', 'language'], buckets: spec.buckets, registers: [registry] }),
      ]),
    ),
    vitalsRejected: new client.Counter({
      name: 'kabar_web_vitals_rejected_total',
      help: 'Web Vitals beacons refused, by reason (invalid, too_large, rate_limited).',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
  return m;
}

/**
 * One registry per process, on globalThis: Next loads the instrumentation, each route's bundle and
 * the cache handler as separate module graphs, each with its own copy of this module.
 */
function metrics() {
  return (globalThis[STATE] ??= create());
}

function refreshContentVersion(m) {
  const snapshot = m.content.source?.();
  if (!snapshot || snapshot.version === m.content.version) return;
  m.contentVersion.reset();
  m.contentVersion.set({ version: snapshot.version }, 1);
  m.content.version = snapshot.version;
  m.content.since = snapshot.takenAt ?? Date.now();
}

/** The status class of a status code: "2xx" … "5xx". */
export const statusClass = (status) => `${String(status).charAt(0)}xx`;

/** One request served: its route kind, status and duration in seconds. */
export function observeRequest(route, status, seconds) {
  metrics().requestDuration.observe({ route, status_class: statusClass(status) }, seconds);
}

/** A page-cache read: layer "memory" or "redis", hit true or false. */
export function countPageCacheRead(layer, hit) {
  metrics().pageCache.inc({ layer, result: hit ? 'hit' : 'miss' });
}

/** Where the served content's version and the time it began serving are read: () => ({ version, takenAt }). */
export function watchContentVersion(source) {
  metrics().content.source = source;
}

/** A publish notification's signed time (ms) whose content is now served. */
export function observePublishLag(notifiedAtMs, now = Date.now()) {
  metrics().publishLag.observe(Math.max(0, (now - notifiedAtMs) / 1000));
}

/** A store went down ("redis", "postgres"). */
export function countStoreOutage(store) {
  const m = metrics();
  m.storeOutages.inc({ store });
  m.storeUp.set({ store }, 0);
}

/** A store is reachable: `again` when after an outage. */
export function markStoreUp(store, again = false) {
  const m = metrics();
  if (again) m.storeReconnects.inc({ store });
  m.storeUp.set({ store }, 1);
}

export const countPurgeFailure = () => metrics().purgeFailures.inc();
export const countPurgeRetry = () => metrics().purgeRetries.inc();

/** One Web Vitals measurement (value as the browser reports it: milliseconds, or unitless CLS). */
export function observeWebVital(metric, value, page, language) {
  const m = metrics();
  m.vitals[metric].observe({ page, language }, value / WEB_VITALS[metric].unit);
}

export const countVitalsRejected = (reason) => metrics().vitalsRejected.inc({ reason });

/** The metrics in Prometheus' text format, and its content type. */
export async function metricsText() {
  const m = metrics();
  return { contentType: m.registry.contentType, text: await m.registry.metrics() };
}

/** Every metric back to zero (tests). */
export function resetMetrics() {
  metrics().registry.resetMetrics();
}
