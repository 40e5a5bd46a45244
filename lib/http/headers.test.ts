import { afterEach, describe, expect, it, vi } from 'vitest';
import { transportSecurityHeader } from '@/lib/http/headers';

describe('HSTS (README: "HSTS when SITE_URL is https")', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is sent for an https SITE_URL, for two years and subdomains, and never over http', () => {
    expect(transportSecurityHeader('https://kabarkini.example')).toEqual([
      { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
    ]);
    expect(transportSecurityHeader('http://kabarkini.example')).toEqual([]);
    expect(transportSecurityHeader('http://localhost:3000')).toEqual([]);
  });

  it('reaches every response through next.config.ts when the build has an https SITE_URL', async () => {
    for (const [siteUrl, expected] of [['https://kabarkini.example', true], ['http://127.0.0.1:3100', false]] as const) {
      vi.resetModules();
      vi.stubEnv('SITE_URL', siteUrl);
      const config = (await import('../../next.config')).default;
      const rules = await config.headers!();
      const all = rules.find((r) => r.source === '/:path*')!;
      expect(all.headers.some((h) => h.key === 'Strict-Transport-Security'), siteUrl).toBe(expected);
    }
  });
});
