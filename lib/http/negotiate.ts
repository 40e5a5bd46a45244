import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { defaultLocale, fallbackLocale, isLocale, languages, locales, type Locale } from '@/i18n/languages';

// A hostile client may send a header of any size: only its start is read, and only so many ranges.
const MAX_HEADER_LENGTH = 4096;
const MAX_RANGES = 64;
/** What the matcher returns when it finds nothing (no locale is the empty string). */
const NO_MATCH = '';

/** Other primary subtags browsers send for one of our languages ("in" → Indonesian), from the languages' files. */
const aliasTarget = new Map<string, string>(languages.flatMap((l) => l.aliases.map((alias) => [alias.toLowerCase(), l.code] as const)));

/** A range Intl accepts as a language tag (Intl.getCanonicalLocales throws on anything else). */
function isLanguageTag(range: string): boolean {
  try {
    Intl.getCanonicalLocales(range);
    return true;
  } catch {
    return false;
  }
}

/**
 * The reader's language ranges, most preferred first (q-values honoured, q=0 left out, RFC 9110
 * §12.5.4), read by `negotiator` from the first 4 KiB and 64 ranges of the header. A malformed
 * range is skipped; "*" is kept. Aliases are mapped to the language they stand for (an old code, with its region kept).
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const capped = header.slice(0, MAX_HEADER_LENGTH).split(',').slice(0, MAX_RANGES).join(',');
  return new Negotiator({ headers: { 'accept-language': capped } })
    .languages()
    .map((range) => range.toLowerCase())
    .filter((range) => range === '*' || isLanguageTag(range))
    .map((range) => range.replace(/^[^-]+/, (primary) => aliasTarget.get(primary) ?? primary));
}

/**
 * The best locale for a request without one in its path.
 * - an explicit earlier choice (the language switch's cookie) wins;
 * - no usable Accept-Language (most crawlers, or a malformed header): the site's first language;
 * - otherwise the first of the reader's ranges that names a language we have (a regional range such as "xx-GB" → xx);
 * - else a language close to one the reader reads, by CLDR's language matching
 *   (@formatjs/intl-localematcher "best fit": Javanese, Sundanese or Malay → Indonesian);
 * - a "*" in the header accepts anything: the ranges before it first, then the site's first language;
 * - a reader who accepts only languages we lack: the fallback language.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, cookieLocale?: string | null): Locale {
  if (isLocale(cookieLocale)) return cookieLocale;
  const ranges = parseAcceptLanguage(acceptLanguage);
  if (ranges.length === 0) return defaultLocale;
  const wildcard = ranges.indexOf('*');
  const wanted = wildcard === -1 ? ranges : ranges.slice(0, wildcard);
  const otherwise = wildcard === -1 ? fallbackLocale : defaultLocale;
  if (wanted.length === 0) return otherwise;
  // In the reader's order first (RFC 4647 lookup: "xx-GB, yy" is xx). CLDR's best fit alone
  // would let an exact later range beat a regional earlier one, and ranks some languages next to
  // English, so it only decides when no range names a language we have.
  const named = match(wanted, locales, NO_MATCH, { algorithm: 'lookup' });
  if (isLocale(named)) return named;
  const close = match(wanted, locales, otherwise, { algorithm: 'best fit' });
  return isLocale(close) ? close : otherwise;
}
