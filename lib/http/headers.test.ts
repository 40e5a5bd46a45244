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

describe('framing (decision 004, amended for the desk’s preview, issue 23)', () => {
  it('desk pages may frame the site’s own pages; every other page frames nothing and is framed by nobody', async () => {
    const config = (await import('../../next.config')).default;
    const rules = await config.headers!();
    const csp = (source: string) => rules.find((r) => r.source === source)!.headers.find((h) => h.key === 'Content-Security-Policy')!.value;
    expect(csp('/:path*')).toContain("frame-src 'none'");
    expect(csp('/:path*')).toContain("frame-ancestors 'none'");
    for (const desk of ['/desk', '/desk/:path*']) {
      expect(csp(desk)).toContain("frame-src 'self'");
      expect(csp(desk)).toContain("frame-ancestors 'none'");
    }
  });
});
