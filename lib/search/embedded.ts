import { create, insert, remove, search, type AnyOrama, type Tokenizer } from '@orama/orama';
import { currentSnapshot, onContentChange, type ContentSnapshot } from '@/lib/content/live';
import { isWholeArticle } from '@/lib/content/meta';
import type { Article } from '@/lib/content/parse';
import type { EnginePage, SearchEngine } from '@/lib/search/engine';
import { searchDocument, splitCompounds } from '@/lib/search/document';
import { wordsOf } from '@/lib/search/query';
import { recencyWeight } from '@/lib/search/rank';
import { markedPassage } from '@/lib/search/snippet';
import { stemsOf } from '@/lib/search/stems';
import { searchLimits } from '@/lib/site';
import { logInfo } from '@/lib/observability/log.mjs';
import { locales, type Locale } from '@/i18n/languages';

/**
 * The embedded search engine (the folder store): one Orama index per language, in this process.
 *
 * Built lazily, on a language's first search, from the live snapshot's published stories (in the
 * folder store every story is parsed anyway, body and all), then kept current on every change of
 * content (`onContentChange`): only the stories whose article changed are removed and inserted
 * again (an unchanged file keeps its parsed Article object, so identity tells), never the whole
 * index. Documents are tokenized by our own tokenizer: the language's compounds split, words
 * stemmed with @orama/stemmers (each with the stems of its root alternatives, lib/search/affixes.ts),
 * and each stem closed with a terminator so that Orama's prefix lookup finds that stem only ("ai"
 * never matches "air"). A query needs every word, and a word matches a story with any of its stems
 * ("menarik": "arik" or "tarik"): a `where` filter, an AND over the words of an OR over each word's
 * stems, chooses the stories; BM25 over all the query's stems ranks them.
 *
 * Cost (`npm run bench:search`, a 2-core machine shared with other work, load ~8): building takes
 * about 1.4 ms and 7 KB of heap per story of ~300 words, so 10,000 stories per language take about
 * 15 s and 66 MB, synchronously, on that language's first search after a start (the event loop
 * waits meanwhile). A search whose words are in every story (the generated archive's worst case)
 * ranks them all: 130 ms for one word, 450 ms for four, at 10,000; ordinary queries match far
 * fewer. Past about 10,000 stories per language, use PostgreSQL (the README says so).
 */

/** Closes each stem, so that a stem is never a prefix of another in Orama's radix tree. */
const END = '\u0001';

interface LanguageIndex {
  db: AnyOrama;
  /** The articles indexed, by file: what a change is compared with. */
  articles: Map<string, Article>;
}

interface EmbeddedState {
  indexes: Map<Locale, LanguageIndex>;
  listening: boolean;
}

const STATE = Symbol.for('kabar-kini.search-embedded');

/** On globalThis: the page and route bundles share one index per language. */
function state(): EmbeddedState {
  const g = globalThis as typeof globalThis & { [STATE]?: EmbeddedState };
  return (g[STATE] ??= { indexes: new Map(), listening: false });
}

/** A language's tokenizer: stems when indexing (repeats kept, for term frequency), unique stems for a query. */
function tokenizerFor(locale: Locale): Tokenizer {
  return {
    language: locale,
    normalizationCache: new Map(),
    tokenize: (raw: string, _language?: string, property?: string) => {
      const stems = stemsOf(raw, locale).map((stem) => stem + END);
      return property ? stems : [...new Set(stems)];
    },
  };
}

interface StoryDocument {
  id: string;
  title: string;
  /** Title, summary and body as plain text: Orama requires every word of a query in one property. */
  text: string;
  published: number;
}

function documentOf(article: Article): StoryDocument {
  const doc = searchDocument(article);
  return { id: article.file, title: article.title, text: `${article.title}\n${doc.text}`, published: Date.parse(article.publishedAt) };
}

/** The whole articles of `locale` that readers see in `snapshot`. */
function visibleArticles(snapshot: ContentSnapshot, locale: Locale): Map<string, Article> {
  const visible = new Set(snapshot.index.published.map((story) => story.file));
  const articles = new Map<string, Article>();
  // Only whole articles can be indexed: in the folder store, every story is one.
  for (const article of snapshot.articles) if (article.locale === locale && visible.has(article.file) && isWholeArticle(article)) articles.set(article.file, article);
  return articles;
}

function build(locale: Locale, snapshot: ContentSnapshot): LanguageIndex {
  const started = performance.now();
  const db = create({ schema: { title: 'string', text: 'string', published: 'number' } as const, components: { tokenizer: tokenizerFor(locale) } });
  const articles = visibleArticles(snapshot, locale);
  for (const article of articles.values()) void insert(db, documentOf(article));
  logInfo(`[search] built the ${locale} search index: ${articles.size} stories in ${Math.round(performance.now() - started)} ms`);
  return { db, articles };
}

/** Brings a language's index to `snapshot`: removes and inserts only the stories that changed. */
export function applyChange(index: LanguageIndex, locale: Locale, snapshot: ContentSnapshot): { removed: number; inserted: number } {
  const next = visibleArticles(snapshot, locale);
  let removed = 0;
  let inserted = 0;
  for (const [file, article] of index.articles) {
    if (next.get(file) === article) continue;
    void remove(index.db, file);
    index.articles.delete(file);
    removed++;
  }
  for (const [file, article] of next) {
    if (index.articles.has(file)) continue;
    void insert(index.db, documentOf(article));
    index.articles.set(file, article);
    inserted++;
  }
  return { removed, inserted };
}

function listen(): void {
  const s = state();
  if (s.listening) return;
  s.listening = true;
  onContentChange((_before, after) => {
    for (const [locale, index] of s.indexes) applyChange(index, locale, after);
  });
}

/** The language's index, built on first use from the current snapshot. */
export function languageIndex(locale: Locale): LanguageIndex {
  const s = state();
  let index = s.indexes.get(locale);
  if (!index) {
    listen();
    index = build(locale, currentSnapshot());
    s.indexes.set(locale, index);
  }
  return index;
}

/** For tests and benchmarks: forget every index (the next search builds again). */
export function resetEmbeddedSearch(): void {
  state().indexes.clear();
}

type Hit = [number, number, StoryDocument];

export const embeddedEngine: SearchEngine = {
  async search(locale: Locale, words: readonly string[], page: number): Promise<EnginePage> {
    if (!(locales as readonly string[]).includes(locale)) return { matches: [], total: 0 };
    const index = languageIndex(locale);
    const now = Date.now();
    // Relevance (BM25, the title counted twice) times recency; the newer first among equals.
    const ranked = (hit: Hit) => hit[1] * recencyWeight(hit[2].published, now);
    // Orama tokenizes each filter value with the indexing tokenizer (every stem of the word, root
    // alternatives too) and takes the stories with any of them: one filter per word, all required.
    const required = wordsOf(splitCompounds(words.join(' '), locale)).map((word) => ({ text: word }));
    const found = await search(index.db, {
      term: words.join(' '),
      properties: ['title', 'text'],
      boost: { title: 2 },
      // Every word must match (in the text, which holds the title too), by any of its stems.
      where: { and: required },
      threshold: 1,
      limit: searchLimits.pageSize,
      offset: (page - 1) * searchLimits.pageSize,
      sortBy: (a: Hit, b: Hit) => ranked(b) - ranked(a) || b[2].published - a[2].published,
    } as never);
    const queryStems = new Set(stemsOf(words.join(' '), locale));
    const matches = found.hits.flatMap((hit) => {
      const article = index.articles.get(hit.id);
      if (!article) return [];
      const marked = markedPassage(searchDocument(article).text, (word) => stemsOf(word, locale).some((stem) => queryStems.has(stem)));
      const doc = hit.document as unknown as StoryDocument;
      return [{ file: article.file, slug: article.slug, marked, rank: hit.score * recencyWeight(doc.published, now) }];
    });
    return { matches, total: Math.min(found.count, searchLimits.maxMatches) };
  },
};
