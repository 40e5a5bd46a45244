import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest } from '@/lib/preview/origin';

const request = (headers: Record<string, string>) => new Headers({ host: 'kabarkini.example', ...headers });

describe('isCrossSiteRequest', () => {
  it('trusts Sec-Fetch-Site when the browser sends it', () => {
    expect(isCrossSiteRequest(request({ 'sec-fetch-site': 'same-origin', origin: 'https://kabarkini.example' }))).toBe(false);
    expect(isCrossSiteRequest(request({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSiteRequest(request({ 'sec-fetch-site': 'same-site', origin: 'https://sub.kabarkini.example' }))).toBe(true);
  });

  it('compares Origin with the host the request was sent to, for browsers without Sec-Fetch-Site', () => {
    expect(isCrossSiteRequest(request({ origin: 'https://kabarkini.example' }))).toBe(false);
    expect(isCrossSiteRequest(request({ origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSiteRequest(request({ origin: 'null' }))).toBe(true);
    expect(isCrossSiteRequest(request({ origin: 'https://kabarkini.example', 'x-forwarded-host': 'proxy.example' }))).toBe(true);
  });

  it('lets clients that send neither header through (they carry no editor cookies)', () => {
    expect(isCrossSiteRequest(request({}))).toBe(false);
  });
});
