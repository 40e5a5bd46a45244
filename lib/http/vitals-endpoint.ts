import type http from 'node:http';
import { isLocale } from '../../i18n/languages';
import { countVitalsRejected, observeWebVital, WEB_VITALS, type WebVitalName } from '../observability/metrics.mjs';

/**
 * `POST /api/vitals`: the Web Vitals beacons of sampled reader page views (lib/vitals/browser.ts),
 * answered by the HTTP guard before Next. What it accepts is bounded, since anyone can post to it:
 * a body of at most VITALS_MAX_BYTES, JSON of one shape, the five metrics by name with values in a
 * plausible range, a known page kind and language, and at most VITALS_RATE_PER_SECOND beacons a
 * second per instance (a burst of VITALS_BURST). Accepted values go into the metrics' histograms by
 * page kind and language and nowhere else: no address, cookie or identifier is read or kept.
 * 204 when taken, 400 for a malformed beacon, 413 past the size, 429 past the rate.
 */
export const VITALS_PATH = '/api/vitals';
export const VITALS_MAX_BYTES = 2 * 1024;
export const VITALS_RATE_PER_SECOND = 50;
export const VITALS_BURST = 200;
/** The page kinds that carry the loader (lib/http/route-kind.ts): reader pages. */
export const VITALS_PAGE_KINDS = ['article', 'list', 'other'] as const;

export interface VitalsBeacon {
  page: (typeof VITALS_PAGE_KINDS)[number];
  language: string;
  metrics: { name: WebVitalName; value: number }[];
}

/** The beacon in `text`, or what is wrong with it. */
export function parseVitalsBeacon(text: string): { beacon: VitalsBeacon } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'the body is not JSON' };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { problem: 'the body is not a JSON object' };
  const { page, language, metrics, ...rest } = data as Record<string, unknown>;
  if (Object.keys(rest).length) return { problem: `unknown field "${Object.keys(rest)[0]}"` };
  if (!(VITALS_PAGE_KINDS as readonly unknown[]).includes(page)) return { problem: `"page" must be one of ${VITALS_PAGE_KINDS.join(', ')}` };
  if (!isLocale(language)) return { problem: '"language" is not one of the site\'s languages' };
  if (!Array.isArray(metrics) || metrics.length === 0 || metrics.length > Object.keys(WEB_VITALS).length) return { problem: '"metrics" must list one to five measurements' };
  const seen = new Set<string>();
  const parsed: VitalsBeacon['metrics'] = [];
  for (const metric of metrics as unknown[]) {
    if (!metric || typeof metric !== 'object') return { problem: 'a measurement is not an object' };
    const { name, value, ...extra } = metric as Record<string, unknown>;
    if (Object.keys(extra).length) return { problem: `unknown measurement field "${Object.keys(extra)[0]}"` };
    if (typeof name !== 'string' || !Object.hasOwn(WEB_VITALS, name)) return { problem: `"name" must be one of ${Object.keys(WEB_VITALS).join(', ')}` };
    if (seen.has(name)) return { problem: `${name} is sent twice` };
    seen.add(name);
    const max = WEB_VITALS[name as WebVitalName].max * WEB_VITALS[name as WebVitalName].unit;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) return { problem: `${name} must be a number from 0 to ${max}` };
    parsed.push({ name: name as WebVitalName, value });
  }
  return { beacon: { page: page as VitalsBeacon['page'], language, metrics: parsed } };
}

/** A token bucket: `rate` a second, at most `burst` at once. */
export function rateLimiter(rate: number, burst: number, now: () => number = Date.now) {
  let tokens = burst;
  let last = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

const limiter = rateLimiter(VITALS_RATE_PER_SECOND, VITALS_BURST);

function answer(req: http.IncomingMessage, res: http.ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  if (status === 413 || status === 429) res.shouldKeepAlive = false;
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    ...(body ? { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
    ...headers,
  });
  res.end(body || undefined);
}

export function answerVitals(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'POST') {
    answer(req, res, 405, 'Method Not Allowed\n', { Allow: 'POST' });
    req.resume();
    return;
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > VITALS_MAX_BYTES) {
    countVitalsRejected('too_large');
    answer(req, res, 413, `Payload Too Large (at most ${VITALS_MAX_BYTES} bytes)\n`, { Connection: 'close' });
    return;
  }
  if (!limiter.take()) {
    countVitalsRejected('rate_limited');
    answer(req, res, 429, 'Too Many Requests\n', { 'Retry-After': '1', Connection: 'close' });
    return;
  }
  if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > VITALS_MAX_BYTES) {
      done = true;
      countVitalsRejected('too_large');
      answer(req, res, 413, `Payload Too Large (at most ${VITALS_MAX_BYTES} bytes)\n`, { Connection: 'close' });
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => undefined);
  req.on('end', () => {
    if (done) return;
    done = true;
    const parsed = parseVitalsBeacon(Buffer.concat(chunks).toString('utf8'));
    if ('problem' in parsed) {
      countVitalsRejected('invalid');
      answer(req, res, 400, `Bad Request: ${parsed.problem}\n`);
      return;
    }
    const { page, language, metrics } = parsed.beacon;
    for (const { name, value } of metrics) observeWebVital(name, value, page, language);
    answer(req, res, 204);
  });
}
