import { defaultLocale, fallbackLocale, isLocale, languages, type Locale } from '@/i18n/languages';

interface Range {
  tag: string;
  q: number;
  order: number;
}

const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;
const MAX_HEADER_LENGTH = 4096;
const MAX_RANGES = 64;

/** Parses Accept-Language leniently: malformed ranges are skipped, q-values honoured (RFC 9110 §12.5.4). */
export function parseAcceptLanguage(header: string | null | undefined): Range[] {
  if (!header) return [];
  const ranges: Range[] = [];
  const parts = header.slice(0, MAX_HEADER_LENGTH).split(',').slice(0, MAX_RANGES);
  parts.forEach((part, order) => {
    const [rawTag = '', ...params] = part.trim().split(';');
    const tag = rawTag.trim();
    if (!LANGUAGE_RANGE.test(tag)) return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() === 'q') {
        q = value !== undefined && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : NaN;
      }
    }
    if (Number.isNaN(q) || q <= 0) return;
    ranges.push({ tag: tag.toLowerCase(), q, order });
  });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order);
}

/**
 * The best locale for a request without one in its path.
 * - an explicit earlier choice (the language switch's cookie) wins;
 * - no usable Accept-Language (most crawlers, or a malformed header): the site's first language;
 * - otherwise the reader's most preferred language that we have;
 * - a reader who accepts only languages we lack: the fallback language.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, cookieLocale?: string | null): Locale {
  if (isLocale(cookieLocale)) return cookieLocale;
  const ranges = parseAcceptLanguage(acceptLanguage);
  if (ranges.length === 0) return defaultLocale;
  for (const { tag } of ranges) {
    if (tag === '*') return defaultLocale;
    const primary = tag.split('-')[0];
    // A language's file lists the other codes browsers send for it (an old code some clients still send).
    const match = languages.find((l) => l.code === primary || l.aliases.includes(primary!))?.code;
    if (match) return match;
  }
  return fallbackLocale;
}
