import { getContentIndex } from '@/lib/content/index';
import type { StoryMeta } from '@/lib/content/meta';
import { embeddedEngine } from '@/lib/search/embedded';
import { contentDatabase } from '@/lib/content/live';
import { postgresEngine } from '@/lib/search/postgres';
import { parseSearchRequest, type SearchRefusal } from '@/lib/search/query';
import { snippetHtml } from '@/lib/search/snippet';
import { searchLimits } from '@/lib/site';
import { logError } from '@/lib/observability/log.mjs';
import type { Locale } from '@/i18n/languages';

/**
 * Search (decision 032): one interface, two engines. With DATABASE_URL, PostgreSQL's full-text
 * search over the `articles` table (lib/search/postgres.ts); in the folder store, an in-process
 * Orama index per language (lib/search/embedded.ts). Both index the same words
 * (lib/search/document.ts: compounds split, then stemmed in the story's language), rank by
 * relevance and recency (lib/search/rank.ts), and mark the matched words in a snippet. What they
 * find is shown only if the instance's current index has the story (the request's snapshot): a
 * takedown, an embargo or a story not yet seen by this instance never shows in results.
 */

/** One page of what an engine found: each match by the story's file, its snippet marked with sentinels. */
export interface EngineMatch {
  file: string;
  slug: string;
  /** The passage around the matches, matches between MARK_START and MARK_END (lib/search/snippet.ts). */
  marked: string;
  rank: number;
}

export interface EnginePage {
  matches: EngineMatch[];
  /** How many stories match, at most searchLimits.maxMatches. */
  total: number;
}

export interface SearchEngine {
  /** `words`: the reader's words (lib/search/query.ts), at most searchLimits.maxWords; `page` from 1. */
  search(locale: Locale, words: readonly string[], page: number): Promise<EnginePage>;
}

export interface SearchHit {
  story: StoryMeta;
  /** Safe HTML: the story's text escaped, matched words in `<mark>`. */
  snippet: string;
  rank: number;
}

export type SearchAnswer =
  /** Nothing to search for: the empty form. */
  | { kind: 'empty'; text: string }
  /** Refused before any search ran (400): the reason, in the reader's language on the page. */
  | { kind: 'refused'; reason: SearchRefusal; text: string }
  /** The engine failed or took too long (503): nothing was found, try again. */
  | { kind: 'unavailable'; text: string }
  | {
      kind: 'results';
      text: string;
      results: SearchHit[];
      total: number;
      /** True when there are more matches than were counted (searchLimits.maxMatches). */
      capped: boolean;
      page: number;
      pageCount: number;
    };

/** The engine of this instance's content store. */
export function searchEngine(): SearchEngine {
  return contentDatabase() ? postgresEngine : embeddedEngine;
}

/** Searches the stories of `locale` for the reader's `query` (the URL's `q`), on `page` (the URL's `page`). */
export async function searchStories(locale: Locale, query: string | string[] | undefined, page?: string | string[], engine: SearchEngine = searchEngine()): Promise<SearchAnswer> {
  const request = parseSearchRequest({ q: query, page });
  if (request.kind !== 'query') return request;
  let found: EnginePage;
  try {
    found = await engine.search(locale, request.words, request.page);
  } catch (error) {
    logError('[search] the search failed', { err: error, locale, words: request.words.length });
    return { kind: 'unavailable', text: request.text };
  }
  const index = getContentIndex();
  const results = found.matches.flatMap((match) => {
    const story = index.bySlug.get(`${locale}/${match.slug}`);
    return story && story.file === match.file ? [{ story, snippet: snippetHtml(match.marked), rank: match.rank }] : [];
  });
  const pageCount = Math.min(searchLimits.maxPages, Math.max(1, Math.ceil(found.total / searchLimits.pageSize)));
  return { kind: 'results', text: request.text, results, total: found.total, capped: found.total >= searchLimits.maxMatches, page: request.page, pageCount };
}
