import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError, logInfo, logLevelFrom, logWarn, requestIdFrom, runInRequest, scrub, startServerLogs, stopServerLogs, REQUEST_ID_MAX_LENGTH } from './log.mjs';

/** Starts the server's JSON log into an array, as if LOG_LEVEL and secrets were set as in `env`. */
function capture(env: Record<string, string> = {}) {
  const lines: string[] = [];
  startServerLogs(env, { write: (line: string) => lines.push(line) });
  return { lines, records: () => lines.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

afterEach(() => {
  stopServerLogs();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the server log', () => {
  it('writes one JSON object per line: time, level, message', () => {
    const log = capture();
    logInfo('[content] now serving version abc (3 published articles)');
    logWarn('[preview] PREVIEW_SECRET is too short');
    expect(log.lines.every((line) => line.endsWith('\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    const [info, warn] = log.records();
    expect(info).toMatchObject({ level: 'info', msg: '[content] now serving version abc (3 published articles)' });
    expect(new Date(info!.time as string).toISOString()).toBe(info!.time);
    expect(warn).toMatchObject({ level: 'warn', msg: '[preview] PREVIEW_SECRET is too short' });
  });

  it('names the request a line was written in, across awaits', async () => {
    const log = capture();
    await runInRequest({ requestId: 'req-42', route: 'article' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logError('[front-cache] no surrogate keys for /id/berita/x:', { err: new Error('boom') });
    });
    logInfo('outside');
    const [inside, outside] = log.records();
    expect(inside).toMatchObject({ requestId: 'req-42', route: 'article', level: 'error' });
    expect((inside!.err as { message: string }).message).toBe('boom');
    expect(outside).not.toHaveProperty('requestId');
  });

  it('never writes a secret, a token, a password or a cookie', () => {
    const previewSecret = 'preview-secret-0123456789abcdef0123456789';
    const deskSecret = 'desk-secret-fedcba9876543210fedcba9876543210';
    vi.stubEnv('PREVIEW_SECRET', previewSecret);
    vi.stubEnv('DESK_SECRET', deskSecret);
    const log = capture();
    logWarn(`token ${previewSecret} refused; desk ${deskSecret}`);
    logError('Cannot reach postgres://kabar:hunter2pass@db.internal:5432/kabar', { err: new Error(`bad secret ${previewSecret}`) });
    logInfo('request', {
      headers: { authorization: 'Bearer abc.def.ghi', cookie: 'better-auth.session_token=s3ss10n', 'set-cookie': ['a=b'], accept: 'text/html' },
      token: 'tok-123456',
      password: 'hunter2',
      url: '/api/preview?token=eyJhbGciOi.x.y&slug=a',
    });
    logInfo('Authorization: Bearer sk_live_1234567890');
    const text = log.lines.join('');
    for (const secret of [previewSecret, deskSecret, 'hunter2', 'abc.def.ghi', 's3ss10n', 'a=b', 'tok-123456', 'eyJhbGciOi', 'sk_live_1234567890']) expect(text).not.toContain(secret);
    const [, connection, request] = log.records();
    expect(connection!.msg).toBe('Cannot reach postgres://kabar:[Redacted]@db.internal:5432/kabar');
    expect(request).toMatchObject({ headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'set-cookie': '[Redacted]', accept: 'text/html' }, token: '[Redacted]', password: '[Redacted]' });
    expect(request!.url).toBe('/api/preview?token=[Redacted]&slug=a');
  });

  it('logs at LOG_LEVEL, and says so when LOG_LEVEL names no level', () => {
    const quiet = capture({ LOG_LEVEL: 'warn' });
    logInfo('not written');
    logWarn('written');
    expect(quiet.records().map((r) => r.msg)).toEqual(['written']);
    expect(logLevelFrom('loud')).toEqual({ level: 'info', problem: expect.stringContaining('LOG_LEVEL="loud" is not a level') });
    const odd = capture({ LOG_LEVEL: 'loud' });
    logInfo('at info');
    expect(odd.records().map((r) => r.msg)).toEqual([expect.stringContaining('LOG_LEVEL="loud"'), 'at info']);
  });

  it('goes to the console, wording unchanged, in processes that did not start the JSON log (the command-line tools)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    logError('content: something is wrong');
    expect(error).toHaveBeenCalledWith('content: something is wrong');
  });
});

describe('request ids', () => {
  it('keeps a sane X-Request-Id and makes one for anything else', () => {
    expect(requestIdFrom('varnish-1234.5678')).toBe('varnish-1234.5678');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'x'.repeat(REQUEST_ID_MAX_LENGTH + 1), 'a b', 'a\nlevel:fatal', '<script>', 'é']) expect(requestIdFrom(bad)).toMatch(uuid);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

describe('scrub', () => {
  it('leaves ordinary text and URLs alone', () => {
    expect(scrub('purging http://127.0.0.1:6081/ failed (ECONNREFUSED)', {})).toBe('purging http://127.0.0.1:6081/ failed (ECONNREFUSED)');
  });
});
