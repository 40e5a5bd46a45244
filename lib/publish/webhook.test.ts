import { describe, expect, it } from 'vitest';
import { revalidateSecretProblem, signNotification, verifyNotification } from '@/lib/publish/webhook';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const check = (headers: Record<string, string>, body: string, now = Date.now()) =>
  verifyNotification(SECRET, body, { timestamp: headers['x-kabar-timestamp'] ?? null, signature: headers['x-kabar-signature'] ?? null }, now);

describe('the publish notification', () => {
  it('accepts what it signed', () => {
    expect(check(signNotification(SECRET, '{"a":1}'), '{"a":1}').ok).toBe(true);
  });
  it('refuses another body, another secret, a malformed signature and a missing timestamp', () => {
    const headers = signNotification(SECRET, '{"a":1}');
    expect(check(headers, '{"a":2}')).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
    expect(check(signNotification('another-secret-of-thirty-two-characters!', '{}'), '{}').ok).toBe(false);
    expect(check({ ...headers, 'x-kabar-signature': 'sha256=zz' }, '{"a":1}')).toMatchObject({ ok: false, reason: expect.stringContaining('malformed') });
    expect(check({ 'x-kabar-signature': headers['x-kabar-signature']! }, '{"a":1}')).toMatchObject({ ok: false, reason: expect.stringContaining('timestamp') });
  });
  it('refuses a notification more than 5 minutes old or ahead', () => {
    const now = Date.now();
    expect(check(signNotification(SECRET, '{}', now - 301_000), '{}', now).ok).toBe(false);
    expect(check(signNotification(SECRET, '{}', now + 301_000), '{}', now).ok).toBe(false);
    expect(check(signNotification(SECRET, '{}', now - 299_000), '{}', now).ok).toBe(true);
  });
  it('says why a secret is unusable', () => {
    expect(revalidateSecretProblem(undefined)).toContain('is not set');
    expect(revalidateSecretProblem('short')).toContain('5 characters long');
    expect(revalidateSecretProblem(SECRET)).toBeUndefined();
  });
});
