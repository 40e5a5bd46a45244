import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installHttpGuard, photoTooLargeMessage, type Readiness } from '@/lib/http/guard';
import { logInfo, startServerLogs, stopServerLogs } from '@/lib/observability/log.mjs';
import { securityHeaders } from '@/lib/http/headers';

// The guard installed in front of a stand-in for Next on a real socket: what a client sees of
// refusals, Expect: 100-continue, redirects of odd paths and the health endpoints.

let server: http.Server;
let port: number;
let readiness: Readiness = { ready: true, lines: ['content: ok (version test)'] };
/** Requests that reached the stand-in for Next, with the bodies it read. */
const reached: { url: string; body: string }[] = [];

beforeAll(async () => {
  installHttpGuard({ readiness: async () => readiness, draftModeAllowed: (cookie) => cookie.includes('kabar_preview=valid') });
  server = http.createServer((req, res) => {
    // As Next's headers() rules do for every path (next.config.ts).
    for (const { key, value } of securityHeaders()) res.setHeader(key, value);
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      reached.push({ url: req.url ?? '', body: Buffer.concat(parts).toString('utf8') });
      // Like a route that logs after awaiting something: the line must still name its request.
      if (req.url?.includes('/log')) setTimeout(() => logInfo(`stand-in served ${req.url}`), 5);
      res.end('next\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Writes `head` on a raw socket (a body declared is not sent unless `onData` sends it), collects the answer until the server closes or `waitMs`. */
function exchange(head: string, { waitMs = 2_000, onData }: { waitMs?: number; onData?: (received: string, socket: net.Socket) => void } = {}) {
  return new Promise<{ received: string; closed: boolean }>((resolve) => {
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received, closed: false });
    }, waitMs);
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      onData?.(received, socket);
    });
    const closed = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received, closed: true });
    };
    socket.on('end', closed);
    socket.on('error', closed);
  });
}

describe('refusals', () => {
  it('answers and closes without waiting for a body over the limit, or of unknown length', async () => {
    for (const head of [
      'POST /id HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n',
      'DELETE /id HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      'POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n',
      'POST /%ff HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n',
    ]) {
      const { received, closed } = await exchange(head);
      expect(received, head).toMatch(/^HTTP\/1\.1 (400|405|413) /);
      expect(received, head).toMatch(/\r\nConnection: close\r\n/i);
      expect(closed, head).toBe(true);
    }
  });

  it('lets a photo upload carry up to the media size limit, and refuses a larger one by its Content-Length before reading', async () => {
    const over = 25 * 1024 * 1024 + 64 * 1024 + 1;
    const { received, closed } = await exchange(`POST /api/desk/photos HTTP/1.1\r\nHost: x\r\nContent-Length: ${over}\r\n\r\n`);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    // Without the desk's script the browser shows this body: the route's message, Indonesian first.
    const text = received.slice(received.indexOf('\r\n\r\n') + 4);
    expect(text).toBe('Berkas ini lebih dari 25 MB; foto paling besar 25 MB. Ekspor JPEG yang lebih kecil (lebar sekitar 4000 px sudah cukup).\n\nThe file is more than 25 MB; photos may be at most 25 MB. Export a smaller JPEG (about 4000 px wide is plenty).\n');
    expect(received).toMatch(/content-type: text\/plain; charset=utf-8/i);
    expect(closed).toBe(true);
    const json = await exchange(`POST /api/desk/photos HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nContent-Length: ${40 * 1024 * 1024}\r\n\r\n`);
    expect(json.received).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(json.received.slice(json.received.indexOf('\r\n\r\n') + 4))).toEqual({ reason: 'too-large', message: 'Berkas ini 40 MB; foto paling besar 25 MB. Ekspor JPEG yang lebih kecil (lebar sekitar 4000 px sudah cukup).' });
    // The same words as the route's (messages/*.json), which the guard cannot read through next-intl.
    for (const [locale, said] of Object.entries(photoTooLargeMessage(40 * 1024 * 1024))) {
      const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as { Desk: { photos: { refused: Record<string, string> } } };
      expect(said, locale).toBe(messages.Desk.photos.refused['too-large']!.replace('{size}', '40 MB').replace('{limit}', '25 MB'));
    }
    const otherRoute = await exchange(`POST /api/desk/stories HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n`);
    expect(otherRoute.received, 'other routes keep the plain refusal').toContain(`at most ${64 * 1024} bytes`);
    for (const other of ['/api/desk/stories', '/api/desk/photos/../stories', '/api/desk/photosx']) {
      const refused = await exchange(`POST ${other} HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n`);
      expect(refused.received, `${other}: the 64 KiB cap`).toMatch(/^HTTP\/1\.1 (308|413) /);
    }
    const body = 'x'.repeat(200 * 1024);
    const { received: passed } = await exchange(`POST /api/desk/photos HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect(passed).toMatch(/^HTTP\/1\.1 200 /);
    expect(reached.at(-1)?.body.length, 'the whole body reached the route').toBe(body.length);
  });

  it('reads a small body of a refused request and keeps the connection', async () => {
    const { received, closed } = await exchange('POST /id HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nx=1', { waitMs: 300 });
    expect(received).toMatch(/^HTTP\/1\.1 405 /);
    expect(closed).toBe(false);
  });
});

describe('Expect: 100-continue', () => {
  it('is not answered with a 100 when the request is refused: the final status alone, then the connection closed', async () => {
    for (const head of [
      'PUT /id HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n',
      'POST /api/x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 50000000\r\n\r\n',
      'POST /api/./x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n',
    ]) {
      const { received, closed } = await exchange(head);
      expect(received, head).not.toContain('100 Continue');
      expect(received, head).toMatch(/^HTTP\/1\.1 (308|405|413) /);
      expect(closed, head).toBe(true);
    }
  });

  it('is answered with a 100 once the checks pass, and the body then reaches Next', async () => {
    const { received } = await exchange('POST /api/x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\nConnection: close\r\n\r\n', {
      onData: (so_far, socket) => {
        if (so_far === 'HTTP/1.1 100 Continue\r\n\r\n') socket.write('a=1');
      },
    });
    expect(received.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n')).toBe(true);
    expect(received.endsWith('next\n')).toBe(true);
    expect(reached.at(-1)).toEqual({ url: '/api/x', body: 'a=1' });
  });
});

describe('non-canonical paths', () => {
  it('are a 308 to the canonical path, query kept, never reaching Next', async () => {
    const before = reached.length;
    const { received } = await exchange('GET /en/x/../news/%2e/y?utm_source=a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 308 /);
    expect(received).toMatch(/\r\nLocation: \/en\/news\/y\?utm_source=a\r\n/i);
    expect(received).toMatch(/\r\nCache-Control: no-store\r\n/i);
    expect(reached.length).toBe(before);
  });
});

describe('health endpoints', () => {
  it('/healthz answers 200 and /readyz follows the readiness, never cached, before Next', async () => {
    const before = reached.length;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');
    expect(health.headers.get('cache-control')).toBe('no-store');
    readiness = { ready: true, lines: ['content: ok (version test)'] };
    let ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ready\ncontent: ok (version test)\n');
    readiness = { ready: false, lines: ['redis: Redis at 127.0.0.1:1 is not reachable'] };
    ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toBe('not ready\nredis: Redis at 127.0.0.1:1 is not reachable\n');
    expect(ready.headers.get('cache-control')).toBe('no-store');
    const head = await fetch(`http://127.0.0.1:${port}/readyz`, { method: 'HEAD' });
    expect(head.status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);
    expect(reached.length).toBe(before);
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id from the front, makes one otherwise, and every log line of the request names it', async () => {
    const lines: string[] = [];
    startServerLogs({}, { write: (line: string) => lines.push(line) });
    try {
      const given = await fetch(`http://127.0.0.1:${port}/api/log-given`, { method: 'POST', body: 'x=1', headers: { 'X-Request-Id': 'varnish-7f3a.2' } });
      expect(given.headers.get('x-request-id')).toBe('varnish-7f3a.2');
      const made = await fetch(`http://127.0.0.1:${port}/id/berita/log-made`, { headers: { 'X-Request-Id': 'two words; <script>' } });
      const madeId = made.headers.get('x-request-id');
      expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
      const refused = await fetch(`http://127.0.0.1:${port}/id`, { method: 'DELETE' });
      expect(refused.status).toBe(405);
      expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(records).toContainEqual(expect.objectContaining({ msg: 'stand-in served /api/log-given', requestId: 'varnish-7f3a.2', route: 'api' }));
      expect(records).toContainEqual(expect.objectContaining({ msg: 'stand-in served /id/berita/log-made', requestId: madeId, route: 'article' }));
    } finally {
      stopServerLogs();
    }
  });
});

describe('/metrics', () => {
  const token = 'metrics-token-0123456789abcdef';
  const scrape = (headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}/metrics`, { headers });

  it('does not exist without METRICS_TOKEN', async () => {
    const response = await scrape({ Authorization: `Bearer ${token}` });
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers 401 without the token or with another, and the metrics with it, never cached', async () => {
    vi.stubEnv('METRICS_TOKEN', token);
    try {
      for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer metrics-token-0123456789abcdeX' }, { Authorization: token }, { Authorization: `Basic ${token}` }]) {
        const refused = await scrape(headers);
        expect(refused.status, JSON.stringify(headers)).toBe(401);
        expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await refused.text()).not.toContain('kabar_');
      }
      await fetch(`http://127.0.0.1:${port}/id/berita/counted`);
      const response = await scrape({ Authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await response.text()).toMatch(/^kabar_http_request_duration_seconds_count\{route="article",status_class="2xx"\} [1-9]/m);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('POST /api/vitals', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/api/vitals`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers } });

  it('takes a beacon (204, never cached) into the metrics by page kind and language; refuses bad ones with 400, 413, 405', async () => {
    const taken = await post(JSON.stringify({ page: 'article', language: 'en', metrics: [{ name: 'INP', value: 180 }, { name: 'LCP', value: 1900 }] }));
    expect(taken.status).toBe(204);
    expect(taken.headers.get('cache-control')).toBe('no-store');
    expect(taken.headers.get('set-cookie')).toBeNull();
    const bad = await post(JSON.stringify({ page: 'article', language: 'en', metrics: [{ name: 'INP', value: 'slow' }] }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('INP must be a number');
    expect((await post('x'.repeat(3000))).status).toBe(413);
    const get = await fetch(`http://127.0.0.1:${port}/api/vitals`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(reached.some((r) => r.url.startsWith('/api/vitals'))).toBe(false);
    vi.stubEnv('METRICS_TOKEN', 'metrics-token-0123456789abcdef');
    try {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: 'Bearer metrics-token-0123456789abcdef' } })).text();
      expect(text).toMatch(/^kabar_web_vitals_inp_seconds_bucket\{le="0\.2",page="article",language="en"\} 1$/m);
      expect(text).toMatch(/^kabar_web_vitals_lcp_seconds_count\{page="article",language="en"\} 1$/m);
      expect(text).toMatch(/^kabar_web_vitals_rejected_total\{reason="invalid"\} [1-9]/m);
      expect(text).toMatch(/^kabar_web_vitals_rejected_total\{reason="too_large"\} [1-9]/m);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('framing', () => {
  const get = (path: string, cookie?: string) => fetch(`http://127.0.0.1:${port}${path}`, { headers: cookie ? { cookie } : {} });
  const frameAncestors = (response: Response) => /frame-ancestors ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1];

  it('lets the site frame a page rendered for a valid preview, and nothing else', async () => {
    const preview = await get('/id/berita/draf', '__prerender_bypass=abc; kabar_preview=valid');
    expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(frameAncestors(preview)).toBe("'self'");
    for (const [path, cookie] of [
      ['/id/berita/draf', undefined],
      ['/id/berita/draf', '__prerender_bypass=abc; kabar_preview=expired'],
      ['/desk/stories/id/draf/edit', '__prerender_bypass=abc; kabar_preview=valid'],
      ['/api/desk/stories', '__prerender_bypass=abc; kabar_preview=valid'],
    ] as const) {
      const response = await get(path, cookie);
      expect(response.headers.get('x-frame-options'), `${path} ${cookie}`).toBe('DENY');
      expect(frameAncestors(response), `${path} ${cookie}`).toBe("'none'");
    }
  });
});
