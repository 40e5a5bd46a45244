import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { metricsText } from '../observability/metrics.mjs';
import { usableSecret } from './usable-secret';

/**
 * `GET /metrics`, answered by the HTTP guard before Next (like /healthz): the instance's metrics in
 * Prometheus' text format, for a scraper holding METRICS_TOKEN as a bearer token. Without
 * METRICS_TOKEN the endpoint does not exist (404); a request without the token, or with another,
 * gets 401. Never cached by anyone (private, no-store), and the front cache refuses the path
 * altogether (deploy/varnish/default.vcl): only a scraper that reaches the instance can read it.
 */
export const METRICS_PATH = '/metrics';
/** The shortest METRICS_TOKEN accepted: a guessable token would let anyone map the instance. */
export const METRICS_TOKEN_MIN_LENGTH = 16;

export function metricsTokenProblem(token: string | undefined): string | undefined {
  if (!token) return undefined;
  if (token.length < METRICS_TOKEN_MIN_LENGTH) {
    return `METRICS_TOKEN is ${token.length} characters long: /metrics is off (404). It must be at least ${METRICS_TOKEN_MIN_LENGTH}; make one with \`openssl rand -hex 32\`.`;
  }
  return undefined;
}

/** Whether an Authorization header carries `token` as its bearer token (compared in constant time). */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const NEVER_CACHED = 'private, no-store';

function answer(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': NEVER_CACHED, ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function answerMetrics(req: http.IncomingMessage, res: http.ServerResponse, env: NodeJS.ProcessEnv = process.env): void {
  const raw = env.METRICS_TOKEN;
  const token = usableSecret(raw, metricsTokenProblem(raw), 'metrics');
  if (!token) {
    answer(req, res, 404, 'Not Found\n');
    return;
  }
  if (!hasBearerToken(req.headers.authorization, token)) {
    answer(req, res, 401, 'Unauthorized: send METRICS_TOKEN as "Authorization: Bearer <token>"\n', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    return;
  }
  metricsText().then(
    ({ contentType, text }) => answer(req, res, 200, text, { 'Content-Type': contentType }),
    (error: unknown) => answer(req, res, 500, `metrics could not be collected: ${(error as Error)?.message ?? error}\n`),
  );
}
