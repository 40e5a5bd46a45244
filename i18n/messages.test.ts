import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { messageKeys, messagesFor } from '@/i18n/messages';
import { fallbackLocale, locales, type Locale } from '@/i18n/languages';

type Tree = Parameters<typeof messageKeys>[0];

// Every language's catalogue, as the site reads it: one file per language in messages/.
const catalogues = Object.fromEntries(
  locales.map((l) => [l, JSON.parse(readFileSync(path.resolve(__dirname, '../messages', `${l}.json`), 'utf8')) as Tree]),
) as Record<Locale, Tree>;
const translated = locales.filter((l) => l !== fallbackLocale);

describe('message catalogues', () => {
  for (const locale of translated) {
    it(`have the same keys in ${locale}.json as in ${fallbackLocale}.json`, () => {
      expect(messageKeys(catalogues[locale]).sort()).toEqual(messageKeys(catalogues[fallbackLocale]).sort());
    });
  }

  it('have no empty strings', () => {
    for (const [name, tree] of Object.entries(catalogues)) {
      const empty = messageKeys(tree).filter((key) => {
        const value = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], tree);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty, `${name}.json`).toEqual([]);
    }
  });

  for (const locale of translated) {
    it(`show the ${fallbackLocale} text where a key is missing from ${locale}.json, not the key`, () => {
      const withoutClose = structuredClone(catalogues[locale]) as Record<string, Record<string, string>>;
      delete withoutClose.Drawer!.close;
      const messages = messagesFor(locale, { ...catalogues, [locale]: withoutClose });
      const t = createTranslator({ locale, messages, namespace: 'Drawer' });
      expect(t('close')).toBe((catalogues[fallbackLocale].Drawer as Tree).close);
      // Keys present in the language still win.
      expect(t('sections')).toBe((catalogues[locale].Drawer as Tree).sections);
    });
  }

  for (const locale of translated) {
    it(`keep the ${locale} text where it exists, as the site reads it from messages/`, () => {
      const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'Drawer' });
      expect(t('close')).toBe((catalogues[locale].Drawer as Tree).close);
      expect(t('close')).not.toBe((catalogues[fallbackLocale].Drawer as Tree).close);
    });
  }
});
