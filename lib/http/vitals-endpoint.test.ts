import { describe, expect, it } from 'vitest';
import { parseVitalsBeacon, rateLimiter } from './vitals-endpoint';

const beacon = (over: Record<string, unknown> = {}) => JSON.stringify({ page: 'article', language: 'id', metrics: [{ name: 'LCP', value: 2300 }, { name: 'CLS', value: 0.02 }], ...over });

describe('parseVitalsBeacon', () => {
  it('takes a beacon as the browser script sends it', () => {
    expect(parseVitalsBeacon(beacon())).toEqual({ beacon: { page: 'article', language: 'id', metrics: [{ name: 'LCP', value: 2300 }, { name: 'CLS', value: 0.02 }] } });
  });

  it.each([
    ['not JSON', 'LCP=2300', 'not JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['an unknown page kind', beacon({ page: 'desk' }), '"page" must be one of'],
    ['an unknown language', beacon({ language: 'fr' }), '"language"'],
    ['no measurement', beacon({ metrics: [] }), 'one to five'],
    ['an unknown metric', beacon({ metrics: [{ name: 'FID', value: 10 }] }), '"name" must be one of'],
    ['a metric twice', beacon({ metrics: [{ name: 'LCP', value: 1 }, { name: 'LCP', value: 2 }] }), 'LCP is sent twice'],
    ['a negative value', beacon({ metrics: [{ name: 'INP', value: -1 }] }), 'INP must be a number from 0 to 60000'],
    ['an absurd value', beacon({ metrics: [{ name: 'LCP', value: 1e9 }] }), 'LCP must be a number from 0'],
    ['a value as text', beacon({ metrics: [{ name: 'TTFB', value: '200' }] }), 'TTFB must be a number'],
    ['an identifier smuggled in', beacon({ id: 'v5-1712345' }), 'unknown field "id"'],
    ['a URL smuggled into a measurement', beacon({ metrics: [{ name: 'LCP', value: 1, url: '/x' }] }), 'unknown measurement field "url"'],
  ])('refuses %s, saying what is wrong', (_what, text, problem) => {
    const parsed = parseVitalsBeacon(text);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});

describe('rateLimiter', () => {
  it('lets a burst through, then the rate', () => {
    let now = 0;
    const limiter = rateLimiter(10, 3, () => now);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]);
    now += 100; // a tenth of a second: one more
    expect([limiter.take(), limiter.take()]).toEqual([true, false]);
  });
});
