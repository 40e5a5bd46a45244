import { describe, expect, it } from 'vitest';
import { language, locales } from '@/i18n/languages';
import { routing } from '@/i18n/routing';
import { sectionIds } from '@/lib/site';
import { homePath, searchPath, sectionPath, storyPath } from '@/lib/urls';

/** A next-intl pathname template filled in, the way next.config.ts's rewrites read it. */
function fromRouting(locale: (typeof locales)[number], pathname: keyof typeof routing.pathnames, params: Record<string, string> = {}): string {
  const localized = routing.pathnames[pathname];
  const template = typeof localized === 'string' ? localized : localized[locale];
  const path = template.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name]!));
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

describe('public paths', () => {
  it('are the paths the routing config rewrites, for every page in every language', () => {
    for (const locale of locales) {
      expect(homePath(locale)).toBe(fromRouting(locale, '/'));
      expect(homePath(locale, 2)).toBe(fromRouting(locale, '/page/[page]', { page: '2' }));
      expect(storyPath(locale, 'ai-plan')).toBe(fromRouting(locale, '/news/[slug]', { slug: 'ai-plan' }));
      expect(searchPath(locale)).toBe(fromRouting(locale, '/search'));
      for (const id of sectionIds) {
        const section = language(locale).sections[id];
        expect(sectionPath(locale, id)).toBe(fromRouting(locale, '/section/[section]', { section }));
        expect(sectionPath(locale, id, 3)).toBe(fromRouting(locale, '/section/[section]/[page]', { section, page: '3' }));
      }
    }
  });

  it('start with the language and use its own words', () => {
    for (const locale of locales) {
      const { paths, sections } = language(locale);
      expect(storyPath(locale, 'ai-plan')).toBe(`/${locale}/${paths.news}/ai-plan`);
      expect(sectionPath(locale, 'world', 2)).toBe(`/${locale}/${paths.section}/${sections.world}/2`);
      expect(homePath(locale, 1)).toBe(`/${locale}`);
    }
  });

  it('escape a slug so that it stays one path segment', () => {
    for (const locale of locales) expect(storyPath(locale, 'a/b?c')).toMatch(/\/a%2Fb%3Fc$/);
  });
});

describe('searchPath', () => {
  it('is the language’s own word, with the reader’s words as the form sends them, and the page after the first', () => {
    for (const locale of locales) {
      const base = `/${locale}/${language(locale).paths.search}`;
      expect(searchPath(locale)).toBe(base);
      expect(searchPath(locale, 'kerja sama')).toBe(`${base}?q=kerja+sama`);
      expect(searchPath(locale, 'kerja sama', 1)).toBe(`${base}?q=kerja+sama`);
      expect(searchPath(locale, '<a & b>', 3)).toBe(`${base}?q=%3Ca+%26+b%3E&page=3`);
    }
  });
});
