import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLocale, fallbackLocale, language, languageName, languages, locales, otherLocales, sectionFromSlug } from '@/i18n/languages';
import { sectionIds } from '@/lib/site';
// @ts-expect-error: a plain .mjs script without types
import { generatedSource } from '@/scripts/languages.mjs';

const root = path.resolve(__dirname, '..');

describe('the languages, one file each in i18n/locales/', () => {
  it('are the ones the generated list imports (run `npm run languages` after adding a file)', () => {
    expect(readFileSync(path.join(root, 'i18n/languages.generated.ts'), 'utf8')).toBe(generatedSource());
  });

  it('list a new language from its file alone, whatever its code looks like', () => {
    const source = generatedSource(['id.ts', 'ms.ts', 'en.ts', 'pt-br.ts', 'ms.test.ts']);
    expect(source).toContain("import lang_ms from './locales/ms';");
    expect(source).toContain("import lang_pt_br from './locales/pt-br';");
    expect(source).not.toContain('ms.test');
    expect(source).toContain('export const languageFiles = [lang_en, lang_id, lang_ms, lang_pt_br] as const;');
  });

  it('refuses a language file not named by its code', () => {
    expect(() => generatedSource(['Malay.ts'])).toThrow(/i18n\/locales\/Malay\.ts: a language file is named by its code/);
  });

  it('each name their own file, messages and content folder', () => {
    for (const l of languages) {
      expect(existsSync(path.join(root, 'i18n/locales', `${l.code}.ts`)), l.code).toBe(true);
      expect(existsSync(path.join(root, 'messages', `${l.code}.json`)), `messages/${l.code}.json`).toBe(true);
      expect(existsSync(path.join(root, 'content', l.code)), `content/${l.code}/`).toBe(true);
    }
  });

  it('put the default language first and give each role to exactly one language', () => {
    expect(locales[0]).toBe(defaultLocale);
    expect(languages.filter((l) => l.role === 'default')).toHaveLength(1);
    expect(languages.filter((l) => l.role === 'fallback')).toHaveLength(1);
    expect(fallbackLocale).not.toBe(defaultLocale);
  });

  it('give every section a distinct slug in each language, found back from the slug', () => {
    for (const l of locales) {
      const slugs = sectionIds.map((id) => language(l).sections[id]);
      expect(new Set(slugs).size).toBe(sectionIds.length);
      for (const id of sectionIds) expect(sectionFromSlug(l, language(l).sections[id])).toBe(id);
    }
  });

  it('offer every other language in the switch, never the current one', () => {
    for (const l of locales) {
      expect(otherLocales(l)).toHaveLength(locales.length - 1);
      expect(otherLocales(l)).not.toContain(l);
    }
  });

  it('name another language in the reader’s language', () => {
    for (const reader of locales) {
      for (const other of otherLocales(reader)) {
        const name = languageName(other, reader);
        expect(name, `${other} for a ${reader} reader`).not.toBe('');
        expect(name).not.toBe(other);
      }
    }
  });
});
