import en from '@/messages/en.json';
import id from '@/messages/id.json';
import { fallbackLocale, type Locale } from '@/lib/site';

export type Messages = typeof en;
type Tree = { [key: string]: string | Tree };

const catalogues: Record<Locale, Tree> = { id, en };

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
 * The messages for a locale with English underneath, so a key missing from id.json shows
 * the English text on the server and in the strings handed to client components alike.
 */
export function messagesFor(locale: Locale, source: Record<Locale, Tree> = catalogues): Messages {
  if (locale === fallbackLocale) return source[locale] as Messages;
  return mergeMessages(source[fallbackLocale], source[locale]) as Messages;
}

/** Every leaf key as "Namespace.key", for the parity test. */
export function messageKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? messageKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
