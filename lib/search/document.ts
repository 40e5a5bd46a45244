import { markdownToPlainText } from '@/lib/content/markdown';
import type { Article } from '@/lib/content/parse';
import { hasRootAlternatives, rootAlternatives } from '@/lib/search/affixes';
import { language, type Locale } from '@/i18n/languages';

/**
 * What a story contributes to search, in both engines (PostgreSQL's full-text search and the
 * embedded one): its words as plain text, with each language's compounds split so that the closed
 * and open spellings ("kerjasama", "kerja sama", "bekerjasama") stem to the same words, and each
 * word followed by its root alternatives (lib/search/affixes.ts: "menarik tarik"), which the
 * language's stemmer alone would not find.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface CompoundPattern {
  pattern: RegExp;
  parts: number;
  /** The compound's parts in lowercase: a text without all of them needs no regular expression. */
  words: string[];
}

const compoundPatterns = new Map<Locale, CompoundPattern[]>();

function compoundPatternsOf(locale: Locale): CompoundPattern[] {
  let patterns = compoundPatterns.get(locale);
  if (!patterns) {
    // Any affixes around the closed form stay on its parts: "bekerjasamanya" → "bekerja samanya".
    patterns = language(locale).search.compounds.map((compound) => {
      const words = compound.toLowerCase().split(' ');
      const [first, ...rest] = words.map(escape);
      return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(\\p{L}*?${first})${rest.map((part) => `\\s*(${part})`).join('')}`, 'giu'), parts: rest.length + 1, words };
    });
    compoundPatterns.set(locale, patterns);
  }
  return patterns;
}

/** `text` with this language's compounds written open, for stemming (never shown to readers). */
export function splitCompounds(text: string, locale: Locale): string {
  const patterns = compoundPatternsOf(locale);
  if (!patterns.length) return text;
  // Most texts hold few of the compounds: looking for their parts first is ten times cheaper than
  // running every pattern over a whole story (measured with bench/search.ts).
  const lower = text.toLowerCase();
  let split = text;
  for (const { pattern, parts, words } of patterns) {
    if (!words.every((word) => lower.includes(word))) continue;
    // The pattern's groups are the compound's parts, the first with its prefix.
    split = split.replace(pattern, (_whole: string, ...groups: string[]) => groups.slice(0, parts).join(' '));
  }
  return split;
}

/** Runs of letters, combining marks and digits: the words of lib/search/query.ts `wordsOf`. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** Only a word that may start with a nasal prefix can have an alternative: a cheap test first. */
const MAYBE_PREFIXED = /^[mp]e/i;

/** `text` with each word's root alternatives after it ("menarik" → "menarik tarik"), for indexing. */
export function withRootAlternatives(text: string, locale: Locale): string {
  if (!hasRootAlternatives(locale)) return text;
  return text.replace(WORD, (word) => {
    if (!MAYBE_PREFIXED.test(word)) return word;
    const alternatives = rootAlternatives(word.normalize('NFKC').toLowerCase(), locale);
    return alternatives.length ? `${word} ${alternatives.join(' ')}` : word;
  });
}

export interface SearchDocument {
  /** PostgreSQL's text search configuration for the story's language. */
  config: string;
  /** The words to index, compounds split, root alternatives added: title weighs most, then the summary, then the body. */
  title: string;
  summary: string;
  body: string;
  /** The summary and body as plain text, as readers see them: what result snippets are cut from. */
  text: string;
}

export function searchDocument(article: Pick<Article, 'locale' | 'title' | 'summary' | 'body'>): SearchDocument {
  const locale = article.locale as Locale;
  const body = markdownToPlainText(article.body);
  return {
    config: language(locale).search.postgres,
    title: withRootAlternatives(splitCompounds(article.title, locale), locale),
    summary: withRootAlternatives(splitCompounds(article.summary, locale), locale),
    body: withRootAlternatives(splitCompounds(body, locale), locale),
    text: `${article.summary}\n${body}`,
  };
}
