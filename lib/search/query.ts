import { searchLimits } from '@/lib/site';

/**
 * What a reader asked the search page for, read from the URL's `q` and `page`, and whether it may
 * run (decision 032). Everything a reader can type is taken as words: markup, quotes, `&`, `|`,
 * `!`, `--` are separators, never operators, so no query reaches an engine as syntax. The limits
 * bound what one search costs (lib/site.ts `searchLimits`); past them the page answers 400 with
 * the reason in the reader's language.
 */

export type SearchRefusal = 'too-long' | 'too-many-words' | 'word-too-long' | 'bad-page';

export type SearchRequest =
  /** No words (no `q`, or only punctuation): the empty search form, not an error. */
  | { kind: 'empty'; text: string }
  | { kind: 'query'; text: string; words: string[]; page: number }
  | { kind: 'refused'; reason: SearchRefusal; text: string };

/** Runs of letters, combining marks and digits: "kerja-sama" is two words, "<script>" is one. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** Control characters (the engines' highlight sentinels among them) are never part of a query. */
const CONTROL = /\p{Cc}/gu;

/** The words of `text`, as the engines index them (lowercase, Unicode-normalized). */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseSearchRequest(params: { q?: string | string[]; page?: string | string[] }): SearchRequest {
  const raw = (first(params.q) ?? '').replace(CONTROL, ' ').trim();
  // Shown back in the form: never more than the limit, whatever was sent.
  const text = raw.slice(0, searchLimits.maxQueryLength);
  if (raw.length > searchLimits.maxQueryLength) return { kind: 'refused', reason: 'too-long', text };
  const pageParam = first(params.page);
  const page = pageParam === undefined || pageParam === '' ? 1 : /^[1-9]\d{0,5}$/.test(pageParam) ? Number(pageParam) : NaN;
  if (!(page >= 1 && page <= searchLimits.maxPages)) return { kind: 'refused', reason: 'bad-page', text };
  const words = wordsOf(raw);
  if (!words.length) return { kind: 'empty', text };
  if (words.length > searchLimits.maxWords) return { kind: 'refused', reason: 'too-many-words', text };
  if (words.some((word) => word.length > searchLimits.maxWordLength)) return { kind: 'refused', reason: 'word-too-long', text };
  return { kind: 'query', text, words, page };
}
