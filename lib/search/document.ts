import { markdownToPlainText } from '@/lib/content/markdown';
import type { Article } from '@/lib/content/parse';
import { language, type Locale } from '@/i18n/languages';

/**
 * What a story contributes to search, in both engines (PostgreSQL's full-text search and the
 * embedded one): its words as plain text, with each language's compounds split so that the closed
 * and open spellings ("kerjasama", "kerja sama", "bekerjasama") stem to the same words.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compoundPatterns = new Map<Locale, { pattern: RegExp; parts: number }[]>();

function compoundPatternsOf(locale: Locale): { pattern: RegExp; parts: number }[] {
  let patterns = compoundPatterns.get(locale);
  if (!patterns) {
    // Any affixes around the closed form stay on its parts: "bekerjasamanya" → "bekerja samanya".
    patterns = language(locale).search.compounds.map((compound) => {
      const [first, ...rest] = compound.split(' ').map(escape);
      return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(\\p{L}*?${first})${rest.map((part) => `\\s*(${part})`).join('')}`, 'giu'), parts: rest.length + 1 };
    });
    compoundPatterns.set(locale, patterns);
  }
  return patterns;
}

/** `text` with this language's compounds written open, for stemming (never shown to readers). */
export function splitCompounds(text: string, locale: Locale): string {
  let split = text;
  // Each pattern's groups are the compound's parts, the first with its prefix.
  for (const { pattern, parts } of compoundPatternsOf(locale)) split = split.replace(pattern, (_whole: string, ...groups: string[]) => groups.slice(0, parts).join(' '));
  return split;
}

export interface SearchDocument {
  /** PostgreSQL's text search configuration for the story's language. */
  config: string;
  /** The words to index, compounds split: title weighs most, then the summary, then the body. */
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
    title: splitCompounds(article.title, locale),
    summary: splitCompounds(article.summary, locale),
    body: splitCompounds(body, locale),
    text: `${article.summary}\n${body}`,
  };
}
