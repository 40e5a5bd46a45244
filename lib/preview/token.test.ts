import { afterEach, describe, expect, it, vi } from 'vitest';

// Wraps the real timingSafeEqual to see that every well-formed token goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const { timingSafeEqual } = await import('node:crypto');
const { MAX_TTL_SECONDS, parseTtl, previewLink, previewSecretProblem, signPreviewToken, verifyPreviewToken } = await import('@/lib/preview/token.mjs');

const SECRET = 'test-preview-secret-0123456789abcdef';
const NOW = Date.parse('2025-07-30T09:00:00+07:00');
const claims = { translationId: 'draft-ai-governance-explainer', locale: 'id', expiresAt: NOW / 1000 + 3600 };

afterEach(() => vi.mocked(timingSafeEqual).mockClear());

describe('preview tokens', () => {
  it('verifies a token it signed, giving back the story, language and expiry', () => {
    const token = signPreviewToken(claims, SECRET);
    expect(token).toMatch(/^v1\.draft-ai-governance-explainer\.id\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ ok: true, claims });
  });

  it('rejects a token signed with another secret', () => {
    const token = signPreviewToken(claims, `${SECRET}-other`);
    expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'signature', locale: 'id' });
  });

  it.each([
    ['another story', (t: string) => t.replace('draft-ai-governance-explainer', 'china-global-ai-plan')],
    ['another language', (t: string) => t.replace('.id.', '.en.')],
    ['a later expiry', (t: string) => t.replace(/\.(\d+)\./, (_, exp: string) => `.${Number(exp) + 86400}.`)],
    ['one character of the signature', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
    ['the unused low bits of the signature', (t: string) => {
      // The last base64url character carries 2 unused bits; a decoder would ignore them, the compare must not.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(t.at(-1)!);
      return t.slice(0, -1) + alphabet[last ^ 1];
    }],
  ])('rejects a token altered to name %s', (_, tamper) => {
    const token = signPreviewToken(claims, SECRET);
    const altered = tamper(token);
    expect(altered).not.toBe(token);
    const check = verifyPreviewToken(altered, SECRET, NOW);
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.reason).toBe('signature');
  });

  it('rejects an expired token, and one at the very second it expires', () => {
    const token = signPreviewToken(claims, SECRET);
    expect(verifyPreviewToken(token, SECRET, claims.expiresAt * 1000 - 1).ok).toBe(true);
    expect(verifyPreviewToken(token, SECRET, claims.expiresAt * 1000)).toEqual({ ok: false, reason: 'expired', locale: 'id' });
    expect(verifyPreviewToken(token, SECRET, claims.expiresAt * 1000 + 86_400_000)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it.each([undefined, null, '', 'abc', 'v2.a.id.1.x', `v1.a.id.1.${'x'.repeat(42)}`, `v1.A.id.1.${'x'.repeat(43)}`, `v1.a.id.1.${'x'.repeat(43)}.extra`])(
    'rejects %j as malformed without reading a language from it',
    (token) => {
      expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    },
  );

  it('compares every well-formed signature in constant time, even of an expired token', () => {
    const token = signPreviewToken(claims, SECRET);
    verifyPreviewToken(token, SECRET, NOW);
    verifyPreviewToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), SECRET, NOW);
    verifyPreviewToken(token, SECRET, claims.expiresAt * 1000 + 1);
    expect(timingSafeEqual).toHaveBeenCalledTimes(3);
    for (const [given, expected] of vi.mocked(timingSafeEqual).mock.calls) {
      expect((given as Buffer).length).toBe((expected as Buffer).length);
    }
  });

  it('refuses to sign with a missing or short secret, or for a bad id or language', () => {
    expect(() => signPreviewToken(claims, '')).toThrow(/PREVIEW_SECRET is not set/);
    expect(() => signPreviewToken(claims, 'x'.repeat(31))).toThrow(/at least 32 characters/);
    expect(() => signPreviewToken({ ...claims, translationId: 'a.b' }, SECRET)).toThrow(/Not a story id/);
    expect(() => signPreviewToken({ ...claims, locale: 'id.x' }, SECRET)).toThrow(/Not a language code/);
    expect(() => signPreviewToken({ ...claims, expiresAt: 1.5 }, SECRET)).toThrow(/Unix seconds/);
  });
});

describe('previewSecretProblem', () => {
  it('accepts 32 characters or more and explains anything less', () => {
    expect(previewSecretProblem('x'.repeat(32))).toBeUndefined();
    expect(previewSecretProblem(undefined)).toMatch(/not set/);
    expect(previewSecretProblem('x'.repeat(31))).toMatch(/31 characters long/);
  });
});

describe('parseTtl', () => {
  it.each([
    ['24h', 86400],
    ['90m', 5400],
    ['7d', 604800],
    ['3600s', 3600],
    ['3600', 3600],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });

  it.each(['', '0h', '-1h', '1w', '1.5h', 'h'])('rejects %j with the accepted forms', (text) => {
    expect(() => parseTtl(text)).toThrow(/e\.g\. 90m, 24h or 7d/);
  });

  it('rejects a life longer than the limit', () => {
    expect(parseTtl(`${MAX_TTL_SECONDS}s`)).toBe(MAX_TTL_SECONDS);
    expect(() => parseTtl(`${MAX_TTL_SECONDS + 1}s`)).toThrow(/longer than the limit of 30 days/);
  });
});

describe('previewLink', () => {
  it('is the site’s /api/preview with a token the server verifies, whatever path SITE_URL has', () => {
    const link = new URL(previewLink(claims, SECRET, 'https://kabarkini.example/some/path'));
    expect(link.origin + link.pathname).toBe('https://kabarkini.example/api/preview');
    expect([...link.searchParams.keys()]).toEqual(['token']);
    expect(verifyPreviewToken(link.searchParams.get('token'), SECRET, NOW)).toEqual({ ok: true, claims });
  });

  it('refuses a short secret as signing does', () => {
    expect(() => previewLink(claims, 'short', 'https://kabarkini.example')).toThrow(/PREVIEW_SECRET is 5 characters long/);
  });
});
