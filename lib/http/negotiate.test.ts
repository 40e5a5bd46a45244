import { describe, expect, it } from 'vitest';
import { negotiateLocale, parseAcceptLanguage } from '@/lib/http/negotiate';
import { languages } from '@/i18n/languages';

describe('negotiateLocale', () => {
  it.each([
    ['no header (most crawlers)', undefined, 'id'],
    ['an empty header', '', 'id'],
    ['Indonesian', 'id', 'id'],
    ['Indonesian with region and q-values', 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7', 'id'],
    ['English first', 'en-US,en;q=0.9,id;q=0.8', 'en'],
    ['q-values that put Indonesian first although listed last', 'en;q=0.5,id;q=0.9', 'id'],
    ['only languages we lack', 'fr-FR,fr;q=0.9,de;q=0.8', 'en'],
    ['languages we lack, then Indonesian', 'fr-FR,id;q=0.1', 'id'],
    ['the legacy "in" code', 'in-ID', 'id'],
    ['a wildcard', '*', 'id'],
    ['a malformed header', ';;;,=,q=abc,@@@', 'id'],
    ['an excluded language (q=0)', 'en;q=0,fr', 'en'],
    ['q=0 Indonesian and English', 'id;q=0,en', 'en'],
    ['Javanese (CLDR: its readers read Indonesian)', 'jv-ID,jv;q=0.9', 'id'],
    ['Malay, then English: the exact match wins over a close one', 'ms,en;q=0.9', 'en'],
    ['English before a wildcard', 'en-GB,*;q=0.5', 'en'],
    ['a language we lack before a wildcard', 'fr,*;q=0.5', 'id'],
    ['a range Intl rejects among good ones', 'x-private,@@,en;q=0.5', 'en'],
    ['British English before Indonesian: the order wins over an exact later match', 'id;q=0.3,en-GB;q=0.8', 'en'],
    ['Amharic then Indonesian: a language we have, not the one CLDR ranks near Amharic', 'am,id;q=0.5', 'id'],
    ['Sundanese alone', 'su', 'id'],
  ])('%s → %s', (_name, header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('lets an explicit earlier choice win', () => {
    expect(negotiateLocale('id-ID', 'en')).toBe('en');
    expect(negotiateLocale('en-US', 'id')).toBe('id');
    expect(negotiateLocale('en-US', 'xx')).toBe('en');
  });

  it('survives a huge header', () => {
    const huge = Array.from({ length: 5000 }, (_, i) => `x${"abcdefghij"[i % 10]}-AA;q=0.${(i % 9) + 1}`).join(',');
    expect(negotiateLocale(huge)).toBe('en');
    expect(parseAcceptLanguage(huge).length).toBeLessThanOrEqual(64);
  });

  it("maps every language's aliases (from its file) to it, with or without a region", () => {
    const aliased = languages.flatMap((l) => l.aliases.map((alias) => [alias, l.code] as const));
    expect(aliased.length, 'some language lists an alias').toBeGreaterThan(0);
    for (const [alias, code] of aliased) {
      expect(negotiateLocale(alias), alias).toBe(code);
      expect(negotiateLocale(`${alias.toUpperCase()}-XX;q=0.9, zz;q=0.1`), alias).toBe(code);
    }
  });
});

describe('parseAcceptLanguage', () => {
  it('lists the usable ranges, most preferred first, without the excluded ones, aliases mapped', () => {
    expect(parseAcceptLanguage('en;q=0.5, in-ID, fr;q=0, de;q=abc, ;;, *;q=0.1')).toEqual(['id-id', 'en', '*']);
  });
});
