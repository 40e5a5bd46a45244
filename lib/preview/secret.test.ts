import { describe, expect, it, vi } from 'vitest';
import { previewSecret } from '@/lib/preview/secret';

describe('previewSecret', () => {
  it('gives a long enough secret, and turns previews off with one log line for a missing or short one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(previewSecret({ PREVIEW_SECRET: 'k'.repeat(32) })).toBe('k'.repeat(32));
    expect(previewSecret({})).toBeUndefined();
    expect(previewSecret({ PREVIEW_SECRET: 'short' })).toBeUndefined();
    expect(previewSecret({})).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/PREVIEW_SECRET is not set: previews are off/);
    warn.mockRestore();
  });
});
