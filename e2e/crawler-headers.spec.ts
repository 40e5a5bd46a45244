import { expect, test } from '@playwright/test';
import { SEED_PATH } from './support/stories';

// Promises of decisions 002 and 004 that a crawler, a browser or a cache sees in the response
// itself: the security headers (GET and HEAD alike), the language redirect's Vary, and JSON-LD
// that a line separator in a story cannot break.

const EMOJI_STORY = '/en/news/fixture-emoji-headline';

test('security headers: COOP and the CSP directives decision 004 names, on GET and on HEAD', async ({ request }) => {
  for (const method of ['GET', 'HEAD'] as const) {
    for (const path of [SEED_PATH, '/id/rubrik/dunia', '/id/berita/tidak-ada']) {
      const response = await request.fetch(path, { method, maxRedirects: 0 });
      const label = `${method} ${path} (${response.status()})`;
      expect([200, 404], label).toContain(response.status());
      const headers = response.headers();
      expect(headers['cross-origin-opener-policy'], label).toBe('same-origin');
      const csp = Object.fromEntries(
        (headers['content-security-policy'] ?? '').split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values.join(' ')];
        }),
      );
      expect(csp['base-uri'], label).toBe("'self'");
      expect(csp['form-action'], label).toBe("'self'");
      expect(csp['frame-src'], label).toBe("'none'");
      expect(csp['frame-ancestors'], label).toBe("'none'");
      expect(csp['object-src'], label).toBe("'none'");
      // Inline scripts are Next's bootstrap (decision 004); never eval, never another origin.
      expect(csp['script-src'], label).toBe("'self' 'unsafe-inline'");
      expect(headers['x-content-type-options'], label).toBe('nosniff');
      if (method === 'HEAD') expect(await response.body(), label).toHaveLength(0);
    }
  }
});

test('the language redirect varies on Accept-Language and Cookie (decision 002)', async ({ request }) => {
  const requests: Record<string, string>[] = [{ 'Accept-Language': 'en-US,en;q=0.9' }, { 'Accept-Language': 'id' }, { Cookie: 'NEXT_LOCALE=en' }];
  for (const headers of requests) {
    const response = await request.get('/', { headers, maxRedirects: 0 });
    const label = JSON.stringify(headers);
    expect(response.status(), label).toBe(307);
    const vary = (response.headers()['vary'] ?? '').split(',').map((v) => v.trim().toLowerCase());
    expect(vary, label).toContain('cookie');
    expect(vary, label).toContain('accept-language');
  }
});

test('JSON-LD escapes U+2028 and U+2029, and still parses to the story\'s lead', async ({ request }) => {
  const html = await (await request.get(EMOJI_STORY)).text();
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const json of scripts) {
    expect(json).not.toMatch(/[\u2028\u2029]/);
    JSON.parse(json);
  }
  const article = scripts.map((s) => JSON.parse(s)).flatMap((d) => d['@graph'] ?? [d]).find((n) => n['@type'] === 'NewsArticle');
  expect(article, 'a NewsArticle').toBeTruthy();
  expect(article.description).toContain('line separator and\u2029a paragraph separator');
  expect(article.description).toContain('\u2028Its lead');
  expect(scripts.join('')).toContain('\\u2028');
});
