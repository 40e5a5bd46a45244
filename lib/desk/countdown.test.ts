import { describe, expect, it } from 'vitest';
import { countdown } from '@/lib/desk/countdown';
import { language, locales } from '@/i18n/languages';

const NOW = Date.parse('2026-12-06T08:00:00Z');

describe('countdown', () => {
  it('says how long until the story goes live, in the largest unit that reads well', () => {
    expect(countdown(NOW + 30_000, NOW, 'id-ID')).toBe('dalam 30 detik');
    expect(countdown(NOW + 5 * 60_000, NOW, 'id-ID')).toBe('dalam 5 menit');
    expect(countdown(NOW + 5 * 60_000, NOW, 'en-US')).toBe('in 5 minutes');
    expect(countdown(NOW + 3 * 3_600_000 + 10 * 60_000, NOW, 'en-US')).toBe('in 3 hours');
    expect(countdown(NOW + 3 * 86_400_000, NOW, 'en-US')).toBe('in 3 days');
  });

  it('says a time just passed as past (a reload shows the story published)', () => {
    expect(countdown(NOW - 2 * 60_000, NOW, 'en-US')).toBe('2 minutes ago');
  });

  it('speaks every language of the site', () => {
    for (const code of locales) expect(countdown(NOW + 60_000, NOW, language(code).intlLocale)).toMatch(/1/);
  });
});
