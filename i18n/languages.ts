// Relative imports: this file is also loaded by next.config.ts, where the @/ alias does not resolve.
import type { LanguageConfig } from './language';
import { sectionIds, type SectionId } from '../lib/site';
import { languageFiles } from './languages.generated';

/**
 * The site's languages, derived from the files in i18n/locales/ (one per language). Every other
 * module asks here; none names a language code or assumes how many there are.
 */

export type Locale = (typeof languageFiles)[number]['code'];
export type Language = LanguageConfig & { readonly code: Locale };

function checked(files: readonly LanguageConfig[]): readonly Language[] {
  const problems: string[] = [];
  const holders = (role: string) => files.filter((f) => f.role === role).map((f) => f.code);
  for (const role of ['default', 'fallback']) {
    const held = holders(role);
    if (held.length !== 1) {
      problems.push(`exactly one language must have role: '${role}' (found ${held.length ? held.join(', ') : 'none'})`);
    }
  }
  const aliases = new Map<string, string>();
  for (const file of files) {
    for (const alias of [file.code, ...file.aliases]) {
      const other = aliases.get(alias);
      if (other && other !== file.code) problems.push(`"${alias}" names both ${other} and ${file.code} (code or aliases)`);
      aliases.set(alias, file.code);
    }
  }
  for (const file of files) {
    const slugs = Object.values(file.sections);
    const repeated = slugs.find((slug, i) => slugs.indexOf(slug) !== i);
    if (repeated) problems.push(`i18n/locales/${file.code}.ts: field "sections" uses "${repeated}" for two sections`);
  }
  if (problems.length) throw new Error(`i18n/locales/: ${problems.join('; ')}.`);
  return [...files].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code)) as Language[];
}

export const languages: readonly Language[] = checked(languageFiles);

/** Every locale code, the default first. */
export const locales = languages.map((l) => l.code) as readonly Locale[] as readonly [Locale, ...Locale[]];

/** The site's first language: readers with no usable preference and crawlers get it. */
export const defaultLocale: Locale = languages.find((l) => l.role === 'default')!.code;
/** What a reader gets when we have nothing in their language; its messages sit under every other's. */
export const fallbackLocale: Locale = languages.find((l) => l.role === 'fallback')!.code;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const byCode = new Map<string, Language>(languages.map((l) => [l.code, l]));

export function language(locale: Locale): Language {
  return byCode.get(locale)!;
}

/** The languages a reader of `locale` can switch to, in the site's order. */
export function otherLocales(locale: Locale): Locale[] {
  return locales.filter((l) => l !== locale);
}

/** A language's name in the reader's language ("Inggris" for an Indonesian reader of English). */
export function languageName(locale: Locale, readerLocale: Locale): string {
  let names = displayNames.get(readerLocale);
  if (!names) {
    names = new Intl.DisplayNames([language(readerLocale).intlLocale], { type: 'language', fallback: 'none' });
    displayNames.set(readerLocale, names);
  }
  return names.of(language(locale).hreflang) ?? language(locale).name;
}

/** One Intl.DisplayNames per reader's language: story lists ask for a name per foreign story, on every render. */
const displayNames = new Map<Locale, Intl.DisplayNames>();

/** The section a localized slug names, if any ("teknologi" in Indonesian → technology). */
export function sectionFromSlug(locale: Locale, slug: string): SectionId | undefined {
  return sectionIds.find((id) => language(locale).sections[id] === slug);
}
