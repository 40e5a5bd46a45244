import { locales } from '@/i18n/languages';

// A site path in one of our languages, built only of slug characters: no "//" (another host), no
// backslash (which browsers read as "/"), no scheme, query, fragment or escapes.
const SAFE_PATH = new RegExp(`^/(?:${locales.join('|')})(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$`);

/**
 * Where "Exit preview" may send the editor: the value the banner's form posted, if it is one of our
 * own pages, else the home page. Never another site (no open redirect).
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length <= 300 && SAFE_PATH.test(value) ? value : fallback;
}
