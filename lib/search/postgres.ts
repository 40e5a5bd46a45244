import type { PendingQuery, Row as SqlRow, Sql, TransactionSql } from 'postgres';
import { contentDatabase } from '@/lib/content/live';
import type { EnginePage, SearchEngine } from '@/lib/search/engine';
import { prefixedForms, rootAlternatives } from '@/lib/search/affixes';
import { splitCompounds } from '@/lib/search/document';
import { wordsOf } from '@/lib/search/query';
import { RECENCY_DAYS } from '@/lib/search/rank';
import { searchLimits } from '@/lib/site';
import { language, type Locale } from '@/i18n/languages';

/**
 * Search with PostgreSQL's full-text search (decision 032), over the columns every writer fills
 * (db/migrations/007-archive.sql, lib/content/pg-writer.ts): `search`, the story's words in its
 * language's configuration ("indonesian", "english"), weighted title A, summary B, body C, its
 * compounds split; `search_text`, the plain text snippets are cut from.
 *
 * - The query is the reader's words (never their syntax: lib/search/query.ts keeps letters and
 *   digits only), compounds split as at indexing, each given to plainto_tsquery as a parameter:
 *   every word must match, by its own stem or by one of its root alternatives' (lib/search/affixes.ts,
 *   which lib/search/document.ts indexed too): (W || A1 || …) && (W2 || …).
 * - Only what readers may see now: published, and published_at in the past. The caller then keeps
 *   only the stories its own snapshot has (a takedown this instance has applied, a pinned version).
 * - Bounded: the most recent `maxMatches` matches are ranked and counted (so a word found in half
 *   the archive ranks a thousand rows, not half a million; the planner walks articles_published
 *   newest first for such a word, and the GIN index for a rare one), one page is read, and
 *   ts_headline runs on that page's rows only. The whole search runs under SET LOCAL
 *   statement_timeout: past it, the page says search is unavailable (503), and nothing runs on.
 * - Rank: ts_rank_cd with weights {D 0.1, C 0.2, B 0.4, A 1.0}, normalized to rank/(rank+1)
 *   (flag 32), times 1 / (1 + age in days / RECENCY_DAYS), as the embedded engine does
 *   (lib/search/rank.ts); ties go to the newer story.
 * - Snippets: ts_headline over search_text with an OR of the words (with their root alternatives
 *   and prefixed forms, and the closed spelling of a compound the words contain, "kerjasama"),
 *   matches between the sentinels of lib/search/snippet.ts, which are taken out of the text first.
 */

/**
 * The words the snippet marks: each word alone, its root alternatives and the prefixed forms that
 * have it for one (lib/search/affixes.ts: "menarik" marks "tarik", "tulis" marks "menulis"), and the
 * closed form of the language's compounds among them.
 */
function headlineTerms(locale: Locale, terms: string): string {
  const closed = language(locale)
    .search.compounds.filter((compound) => ` ${terms} `.includes(` ${compound} `))
    .map((compound) => compound.replace(/\s+/g, ''));
  const related = wordsOf(terms).flatMap((word) => [...rootAlternatives(word, locale), ...prefixedForms(word, locale)]);
  return [terms, ...related, ...closed].join(' ');
}

/** The tsquery of the reader's words (compounds split, lowercase): every word, by its own stem or an alternative's; values as parameters only. */
function wordsQuery(tx: TransactionSql, config: string, locale: Locale, terms: string): PendingQuery<SqlRow[]> {
  const plain = (word: string) => tx`plainto_tsquery(${config}::regconfig, ${word})`;
  return wordsOf(terms)
    .map((word) => rootAlternatives(word, locale).reduce((query, alternative) => tx`(${query} || ${plain(alternative)})`, plain(word)))
    .reduce((all, word) => tx`(${all} && ${word})`);
}

interface Row {
  file: string;
  slug: string;
  rank: number;
  total: string;
  marked: string;
}

export async function searchPostgres(sql: Sql, locale: Locale, words: readonly string[], page: number): Promise<EnginePage> {
  const config = language(locale).search.postgres;
  const terms = splitCompounds(words.join(' '), locale).toLowerCase();
  const highlight = headlineTerms(locale, terms);
  const offset = (page - 1) * searchLimits.pageSize;
  const headline = `StartSel=\u0002, StopSel=\u0003, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  return sql.begin(async (tx) => {
    await tx.unsafe(`SET LOCAL statement_timeout = ${Math.round(searchLimits.timeoutMs)}`);
    const rows = await tx<Row[]>`
      WITH q AS (SELECT ${wordsQuery(tx, config, locale, terms)} AS query),
      matches AS (
        SELECT a.file, a.slug, a.published_at, a.search, a.search_text
        FROM articles a, q
        WHERE a.locale = ${locale} AND a.status = 'published' AND a.published_at <= now() AND a.search @@ q.query
        ORDER BY a.published_at DESC
        LIMIT ${searchLimits.maxMatches}
      ),
      ranked AS (
        SELECT m.file, m.slug, m.published_at, m.search_text,
          ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', m.search, q.query, 32)
            / (1 + greatest(extract(epoch FROM now() - m.published_at), 0) / 86400 / ${RECENCY_DAYS}) AS rank,
          count(*) OVER () AS total
        FROM matches m, q
        ORDER BY rank DESC, m.published_at DESC, m.file
        LIMIT ${searchLimits.pageSize} OFFSET ${offset}
      )
      SELECT r.file, r.slug, r.rank::float8 AS rank, r.total,
        ts_headline(${config}::regconfig, translate(r.search_text, chr(2) || chr(3), ''),
          replace(plainto_tsquery(${config}::regconfig, ${highlight})::text, ' & ', ' | ')::tsquery, ${headline}) AS marked
      FROM ranked r
      ORDER BY r.rank DESC, r.published_at DESC, r.file`;
    let total = rows.length ? Number(rows[0]!.total) : 0;
    if (!rows.length && offset > 0) {
      // A page past the last: how many there are, for the page's count and its way back.
      const [counted] = await tx<{ total: string }[]>`
        SELECT count(*) AS total FROM (
          SELECT 1 FROM articles a
          WHERE a.locale = ${locale} AND a.status = 'published' AND a.published_at <= now()
            AND a.search @@ ${wordsQuery(tx, config, locale, terms)}
          LIMIT ${searchLimits.maxMatches}) AS capped`;
      total = Number(counted?.total ?? 0);
    }
    return { matches: rows.map(({ file, slug, rank, marked }) => ({ file, slug, rank, marked: marked ?? '' })), total };
  });
}

export const postgresEngine: SearchEngine = {
  search(locale, words, page) {
    const sql = contentDatabase();
    if (!sql) throw new Error('search: the PostgreSQL engine needs DATABASE_URL');
    return searchPostgres(sql, locale, words, page);
  },
};
