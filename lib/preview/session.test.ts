import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasValidPreviewCookie } from '@/lib/preview/session';
import { signPreviewToken } from '@/lib/preview/token.mjs';

const SECRET = 'unit-test-preview-secret-0123456789abcdef';
const NOW = Date.parse('2026-11-29T12:00:00Z');

describe('hasValidPreviewCookie (the HTTP guard keeps Next’s Draft Mode cookie only then)', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.PREVIEW_SECRET;
    process.env.PREVIEW_SECRET = SECRET;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.PREVIEW_SECRET;
    else process.env.PREVIEW_SECRET = saved;
  });

  const token = (expiresAt: number, secret = SECRET) => signPreviewToken({ translationId: 'story', locale: 'en', expiresAt }, secret);

  it('accepts a valid, unexpired token beside the Draft Mode cookie', () => {
    expect(hasValidPreviewCookie(`__prerender_bypass=abc; kabar_preview=${token(NOW / 1000 + 60)}`, NOW)).toBe(true);
  });

  it('refuses no token, an expired one, a forged one and one signed with a rotated secret', () => {
    expect(hasValidPreviewCookie('__prerender_bypass=abc', NOW)).toBe(false);
    expect(hasValidPreviewCookie(`__prerender_bypass=abc; kabar_preview=${token(NOW / 1000 - 1)}`, NOW)).toBe(false);
    expect(hasValidPreviewCookie('__prerender_bypass=abc; kabar_preview=v1.story.en.9999999999.AAAA', NOW)).toBe(false);
    expect(hasValidPreviewCookie(`__prerender_bypass=abc; kabar_preview=${token(NOW / 1000 + 60, 'an-older-secret-that-was-rotated-away-0123')}`, NOW)).toBe(false);
  });

  it('refuses everything when previews are off', () => {
    delete process.env.PREVIEW_SECRET;
    expect(hasValidPreviewCookie(`kabar_preview=${token(NOW / 1000 + 60)}`, NOW)).toBe(false);
  });
});
