import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fallbackLocale, locales, type Locale } from '@/i18n/languages';

export type Messages = typeof import('@/messages/en.json');
type Tree = { [key: string]: string | Tree };

/**
 * The catalogues are read from MESSAGES_DIR (default messages/) once per process. The folder is
 * configurable so that the end-to-end builds can drop keys from a catalogue and prove the fallback.
 */
function readCatalogues(): Record<Locale, Tree> {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.MESSAGES_DIR || 'messages');
  return Object.fromEntries(
    locales.map((locale) => {
      const file = path.join(dir, `${locale}.json`);
      try {
        return [locale, JSON.parse(readFileSync(file, 'utf8')) as Tree];
      } catch (error) {
        throw new Error(`Cannot read the messages of "${locale}" from ${file}: ${(error as Error).message}`);
      }
    }),
  ) as Record<Locale, Tree>;
}

let catalogues: Record<Locale, Tree> | undefined;

/** Deep-merges `primary` over `fallback`: a key missing in primary keeps the fallback's text. */
export function mergeMessages(fallback: Tree, primary: Tree): Tree {
  const out: Tree = { ...fallback };
  for (const [key, value] of Object.entries(primary)) {
    const base = fallback[key];
    out[key] = typeof value === 'object' && typeof base === 'object' ? mergeMessages(base, value) : value;
  }
  return out;
}

/**
 * The messages for a locale with the fallback language's underneath, so a key missing from a
 * language's catalogue shows the fallback's text on the server and in the strings handed to
 * client components alike.
 */
export function messagesFor(locale: Locale, source?: Record<Locale, Tree>): Messages {
  if (!source) return (merged[locale] ??= messagesFor(locale, (catalogues ??= readCatalogues())));
  if (locale === fallbackLocale) return source[locale] as unknown as Messages;
  return mergeMessages(source[fallbackLocale], source[locale]) as unknown as Messages;
}

/** The merged catalogues, once per process: every render of every page asks for them. */
const merged: Partial<Record<Locale, Messages>> = {};

/** Every leaf key as "Namespace.key", for the parity test. */
export function messageKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? messageKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
