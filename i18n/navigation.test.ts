import { describe, expect, it } from 'vitest';
import { getPathname } from '@/i18n/navigation';

describe('getPathname', () => {
  it('gives each page its public, localized path', () => {
    expect(getPathname({ locale: 'id', href: '/' })).toBe('/id');
    expect(getPathname({ locale: 'en', href: '/' })).toBe('/en');
    expect(getPathname({ locale: 'id', href: { pathname: '/news/[slug]', params: { slug: 'ai-plan' } } })).toBe('/id/berita/ai-plan');
    expect(getPathname({ locale: 'en', href: { pathname: '/news/[slug]', params: { slug: 'ai-plan' } } })).toBe('/en/news/ai-plan');
    expect(getPathname({ locale: 'id', href: { pathname: '/page/[page]', params: { page: '2' } } })).toBe('/id/halaman/2');
    expect(
      getPathname({ locale: 'id', href: { pathname: '/section/[section]/[page]', params: { section: 'teknologi', page: '3' } } }),
    ).toBe('/id/rubrik/teknologi/3');
    expect(getPathname({ locale: 'en', href: { pathname: '/section/[section]', params: { section: 'world' } } })).toBe('/en/section/world');
  });

  it('escapes a parameter so that it stays one path segment', () => {
    expect(getPathname({ locale: 'en', href: { pathname: '/news/[slug]', params: { slug: 'a/b?c' } } })).toBe('/en/news/a%2Fb%3Fc');
  });

  it('names the missing parameter instead of returning a broken path', () => {
    expect(() => getPathname({ locale: 'en', href: { pathname: '/news/[slug]' } })).toThrow(/missing param "slug"/);
  });
});
