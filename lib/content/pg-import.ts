import { opendir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sql, TransactionSql } from 'postgres';
import { CONTENT_CHANNEL, connectDatabase, MAX_NOTIFY_PAYLOAD } from '@/db/connection.mjs';
import { ContentError, ContentErrors } from '@/lib/content/errors';
import { isArticleFile, readTakedownsFile } from '@/lib/content/folder-store';
import { storedMeta } from '@/lib/content/meta';
import { parseArticle, type Article } from '@/lib/content/parse';
import { sourceHash, WRITE_LOCK } from '@/lib/content/pg-writer';
import type { Takedown } from '@/lib/content/store';
import { searchDocument } from '@/lib/search/document';

/**
 * Loading a whole content folder into the PostgreSQL store, at archive scale (issue 26: up to a
 * million stories), for `npm run content:import`. The folder is walked in batches: only each
 * file's name and its two keys (language and slug, story and language) stay in memory, for the
 * rules that span files; every batch is checked against the database with indexed queries and
 * written with one statement. The same rules as a publish: each file parsed and validated
 * (parseArticle), one slug per language and one version per language per story, over the folder
 * and the database together. One transaction, under the writers' lock, and one NOTIFY.
 */

/** Files per batch: one round of reads, lookups and one INSERT. */
export const IMPORT_BATCH = 1_000;
/** Problems listed in full; beyond that they are counted (a broken generator could make a million). */
export const MAX_LISTED_PROBLEMS = 100;

export interface ImportCounts {
  files: number;
  added: number;
  changed: number;
  unchanged: number;
  takedowns: number;
}

export interface ImportProgress extends ImportCounts {
  /** Files looked at so far (read, compared, and parsed when changed). */
  done: number;
  /** Problems found so far: once there is one, nothing more is written (the transaction is rolled back). */
  problems: number;
  elapsedMs: number;
}

export interface ImportOptions {
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (progress: ImportProgress) => void;
  /** Told once every file is listed, before the first is read. */
  onListed?: (files: number) => void;
}

/** Invalid content found by an import: the first MAX_LISTED_PROBLEMS, and how many there were in all. */
export class ImportErrors extends ContentErrors {
  constructor(
    errors: ContentError[],
    readonly total: number,
  ) {
    super(errors);
    if (total > errors.length) this.message = this.message.replace(/\(\d+ problems?\)/, `(${total} problems, the first ${errors.length} listed)`) + `\n  … and ${total - errors.length} more`;
  }
}


/**
 * Every article file under `root`, as the folder store names them ("<code>/slug.md"), sorted: the
 * files FolderStore.read() would read (Markdown, not README.md, nothing in or named with a dot),
 * listed without reading any.
 */
export async function listArticleFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile() && isArticleFile(entry.name)) files.push(`${prefix}${entry.name}`);
    }
  };
  await walk(root, '');
  return files.sort();
}

/** The folder's takedowns (.takedowns.json), read as the folder store reads them: a broken file counts as none. */
export function readTakedowns(root: string, warn: (message: string) => void = () => {}): Takedown[] {
  return readTakedownsFile(root, (file) => warn(`${file} is not valid JSON: its takedowns are not imported.`));
}

/** One row as `upsertArticles` writes it: the columns upsertArticle (pg-writer.ts) writes, the search words still as text. */
export interface ArticleRow {
  file: string;
  source: string;
  hash: string;
  translation_id: string;
  locale: string;
  slug: string;
  status: string;
  meta: unknown;
  published_at: string;
  config: string;
  title: string;
  summary: string;
  body: string;
  text: string;
}

/** What upsertArticle writes for `article` (decision 031): its meta, publication time and search words. */
export function articleRow(file: string, source: string, article: Article, hash = sourceHash(source)): ArticleRow {
  const doc = searchDocument(article);
  return {
    file,
    source,
    hash,
    translation_id: article.translationId,
    locale: article.locale,
    slug: article.slug,
    status: article.status,
    meta: storedMeta(article),
    published_at: article.publishedAt,
    config: doc.config,
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    text: doc.text,
  };
}

/** The tsvector of each row's search words, as upsertArticle weighs them: title A, summary B, body C. */
const SEARCH_VECTOR = (r: string) =>
  `setweight(to_tsvector(${r}.config::regconfig, ${r}.title), 'A') || setweight(to_tsvector(${r}.config::regconfig, ${r}.summary), 'B') || setweight(to_tsvector(${r}.config::regconfig, ${r}.body), 'C')`;

/**
 * The search column of each row, computed by the database (the stemming is PostgreSQL's) and
 * returned as text, in the rows' order: lets a connection other than the writer's do the costliest
 * part of a write, so that two backends share the work. Pure: reads nothing, writes nothing.
 */
export async function searchVectors(sql: TransactionSql | Sql, rows: readonly ArticleRow[]): Promise<string[]> {
  if (!rows.length) return [];
  const docs = rows.map(({ config, title, summary, body }, i) => ({ i, config, title, summary, body }));
  const found = await sql.unsafe<{ i: number; search: string }[]>(
    `SELECT r.i, (${SEARCH_VECTOR('r')})::text AS search FROM json_to_recordset($1::json) AS r(i int, config text, title text, summary text, body text)`,
    [sql.json(docs as never)],
  );
  const vectors: string[] = new Array(rows.length);
  for (const { i, search } of found) vectors[i] = search;
  return vectors;
}

/**
 * Writes many article rows in one statement: the batch form of upsertArticle (same columns, same
 * search weights). `vectors`: their search columns from searchVectors, else computed here.
 */
export async function upsertArticles(tx: TransactionSql | Sql, rows: readonly ArticleRow[], vectors?: readonly string[]): Promise<void> {
  if (!rows.length) return;
  const given = vectors !== undefined;
  const records = rows.map((row, i) => (given ? { ...row, title: undefined, summary: undefined, body: undefined, search: vectors[i] } : row));
  await tx.unsafe(
    `INSERT INTO articles (file, source, hash, translation_id, locale, slug, status, meta, published_at, search, search_text)
    SELECT r.file, r.source, r.hash, r.translation_id, r.locale, r.slug, r.status, r.meta, r.published_at,
      ${given ? 'r.search::tsvector' : SEARCH_VECTOR('r')}, r.text
    FROM json_to_recordset($1::json) AS r(file text, source text, hash text, translation_id text, locale text, slug text, status text,
      meta jsonb, published_at timestamptz, config text, title text, summary text, body text, text text, search text)
    ON CONFLICT (file) DO UPDATE SET source = excluded.source, hash = excluded.hash, translation_id = excluded.translation_id,
      locale = excluded.locale, slug = excluded.slug, status = excluded.status, meta = excluded.meta, published_at = excluded.published_at,
      search = excluded.search, search_text = excluded.search_text, written_at = now()`,
    [tx.json(records as never)],
  );
}

const slugProblem = (slug: string, owner: string, locale: string) => `"${slug}" is already used by ${owner} in locale "${locale}": slugs must be unique per language`;
const versionProblem = (translationId: string, owner: string, locale: string) => `"${translationId}" already has a "${locale}" version in ${owner}: a story has one file per language`;

/** Lets the event loop run (the socket sends the previous batch's INSERT) during a long stretch of parsing. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports the article files under `root` and its takedowns into the store at `url`, in one
 * transaction: adds and updates, never deletes; a file whose text is stored already is neither
 * parsed nor written. Throws ImportErrors (nothing written) when a file is invalid or breaks a
 * rule that spans files, with the folder or with the database. `state.committing` is set once
 * everything is written, before COMMIT.
 */
export async function importFolder(url: string, root: string, options: ImportOptions = {}, state: { committing?: boolean } = {}): Promise<ImportCounts> {
  const batchSize = options.batchSize ?? IMPORT_BATCH;
  const started = Date.now();
  const files = await listArticleFiles(root);
  options.onListed?.(files.length);
  const takedowns = readTakedowns(root, (message) => console.error(`content:import: ${message}`));
  const inFolder = new Set(files);

  // Writes on one connection, in the transaction; lookups on another, in a snapshot taken once the
  // lock is held, so that parsing the next batch overlaps the database writing this one. The rows
  // this import writes are folder files, which the lookups leave to the checks in memory anyway.
  const writer = connectDatabase(url, { max: 1 });
  const reader = connectDatabase(url, { max: 1 });
  try {
    return await writer.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
      // Merges of the search index's pending entries in larger, fewer steps.
      await tx`SET LOCAL work_mem = '64MB'`;
      const counts = await reader.begin('isolation level repeatable read read only', (rx) => importFiles(tx, rx, root, files, inFolder, batchSize, started, options));
      const problems = counts.problems;
      if (problems.length) throw new ImportErrors(problems.slice(0, MAX_LISTED_PROBLEMS), counts.problemCount);

      const recorded = new Set((await tx<{ locale: string; slug: string }[]>`SELECT locale, slug FROM takedowns`).map((t) => `${t.locale}/${t.slug}`));
      const fresh = takedowns.filter((t) => !recorded.has(`${t.locale}/${t.slug}`));
      for (const t of fresh) {
        await tx`
          INSERT INTO takedowns (locale, slug, translation_id, taken_down_at) VALUES (${t.locale}, ${t.slug}, ${t.translationId}, ${t.at})
          ON CONFLICT (locale, slug) DO UPDATE SET translation_id = excluded.translation_id, taken_down_at = excluded.taken_down_at`;
      }
      if (counts.written.length || counts.writtenOverflow || fresh.length) {
        // The files it names, when they fit in a NOTIFY; otherwise every instance re-reads everything.
        const payload = counts.writtenOverflow ? '{}' : JSON.stringify({ files: counts.written, at: Date.now() });
        await tx`SELECT pg_notify(${CONTENT_CHANNEL}, ${payload.length < MAX_NOTIFY_PAYLOAD ? payload : '{}'})`;
      }
      state.committing = true;
      const { added, changed, unchanged } = counts;
      return { files: files.length, added, changed, unchanged, takedowns: fresh.length };
    });
  } finally {
    await Promise.all([writer.end({ timeout: 5 }), reader.end({ timeout: 5 })]).catch(() => undefined);
  }
}

interface BatchCounts {
  added: number;
  changed: number;
  unchanged: number;
  problems: ContentError[];
  problemCount: number;
  /** The files written, while few enough to name in a NOTIFY. */
  written: string[];
  writtenOverflow: boolean;
}

async function importFiles(
  tx: TransactionSql,
  rx: TransactionSql,
  root: string,
  files: readonly string[],
  inFolder: ReadonlySet<string>,
  batchSize: number,
  started: number,
  options: ImportOptions,
): Promise<BatchCounts> {
  const counts: BatchCounts = { added: 0, changed: 0, unchanged: 0, problems: [], problemCount: 0, written: [], writtenOverflow: false };
  const problem = (error: ContentError) => {
    counts.problemCount++;
    if (counts.problems.length < MAX_LISTED_PROBLEMS) counts.problems.push(error);
  };
  // The rules that span files, over the folder: which file holds each language's slug and each story's version.
  const slugOwners = new Map<string, string>();
  const versionOwners = new Map<string, string>();
  const claim = (file: string, locale: string, slug: string, translationId: string) => {
    const slugKey = `${locale}/${slug}`;
    const slugOwner = slugOwners.get(slugKey);
    if (slugOwner !== undefined) problem(new ContentError(file, 'slug', slugProblem(slug, slugOwner, locale)));
    else slugOwners.set(slugKey, file);
    const versionKey = `${translationId}/${locale}`;
    const versionOwner = versionOwners.get(versionKey);
    if (versionOwner !== undefined) problem(new ContentError(file, 'translationId', versionProblem(translationId, versionOwner, locale)));
    else versionOwners.set(versionKey, file);
  };

  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < files.length; start += batchSize) {
    const names = files.slice(start, start + batchSize);
    const sources = await Promise.all(names.map((file) => readFile(path.join(root, file), 'utf8')));
    const hashes = sources.map((source) => sourceHash(source));
    const stored = new Map(
      (
        await rx<{ file: string; hash: string; locale: string; slug: string; translation_id: string }[]>`
          SELECT a.file, a.hash, a.locale, a.slug, a.translation_id FROM articles a JOIN json_array_elements_text(${rx.json(names)}::json) AS f(file) ON a.file = f.file`
      ).map((row) => [row.file, row]),
    );

    const parsed: { article: Article; index: number; isNew: boolean }[] = [];
    for (let i = 0; i < names.length; i++) {
      if (i % 100 === 99) await breathe();
      const file = names[i]!;
      const known = stored.get(file);
      if (known && known.hash === hashes[i]) {
        counts.unchanged++;
        claim(file, known.locale, known.slug, known.translation_id);
        continue;
      }
      let article;
      try {
        article = parseArticle(file, sources[i]!);
      } catch (error) {
        if (error instanceof ContentError) {
          problem(error);
          continue;
        }
        throw error;
      }
      claim(file, article.locale, article.slug, article.translationId);
      parsed.push({ article, index: i, isNew: !known });
    }

    // The same rules against the database: a row that is not in the folder keeps its slug and version.
    if (parsed.length) {
      const keys = rx.json(parsed.map(({ article }) => ({ locale: article.locale, slug: article.slug, translation_id: article.translationId })));
      const [slugRows, versionRows] = await Promise.all([
        rx<{ file: string; locale: string; slug: string }[]>`
          SELECT a.file, a.locale, a.slug FROM articles a JOIN json_to_recordset(${keys}::json) AS k(locale text, slug text) ON a.locale = k.locale AND a.slug = k.slug`,
        rx<{ file: string; locale: string; translation_id: string }[]>`
          SELECT a.file, a.locale, a.translation_id FROM articles a JOIN json_to_recordset(${keys}::json) AS k(locale text, translation_id text) ON a.locale = k.locale AND a.translation_id = k.translation_id`,
      ]);
      const slugHolders = new Map(slugRows.filter((r) => !inFolder.has(r.file)).map((r) => [`${r.locale}/${r.slug}`, r.file]));
      const versionHolders = new Map(versionRows.filter((r) => !inFolder.has(r.file)).map((r) => [`${r.translation_id}/${r.locale}`, r.file]));
      for (const { article } of parsed) {
        const slugOwner = slugHolders.get(`${article.locale}/${article.slug}`);
        if (slugOwner) problem(new ContentError(article.file, 'slug', `${slugProblem(article.slug, slugOwner, article.locale)} (${slugOwner} is in the database, not in this folder)`));
        const versionOwner = versionHolders.get(`${article.translationId}/${article.locale}`);
        if (versionOwner) problem(new ContentError(article.file, 'translationId', `${versionProblem(article.translationId, versionOwner, article.locale)} (${versionOwner} is in the database, not in this folder)`));
      }
    }

    for (const { isNew } of parsed) {
      if (isNew) counts.added++;
      else counts.changed++;
    }
    // Once anything is wrong the transaction is rolled back: the rest is only checked, to list every problem.
    if (!counts.problemCount && parsed.length) {
      const rows: ArticleRow[] = [];
      for (const [n, { article, index }] of parsed.entries()) {
        if (n % 100 === 99) await breathe();
        rows.push(articleRow(article.file, sources[index]!, article, hashes[index]));
        if (!counts.writtenOverflow) {
          counts.written.push(article.file);
          if (counts.written.length > 500) {
            counts.written = [];
            counts.writtenOverflow = true;
          }
        }
      }
      // The search words stemmed on the lookups' connection, the INSERT on the transaction's, one
      // at a time, while the next batch is read and parsed: three processes share the work.
      const vectors = await searchVectors(rx, rows);
      await writing;
      writing = upsertArticles(tx, rows, vectors);
      writing.catch(() => undefined);
    }
    options.onProgress?.({
      files: files.length,
      done: Math.min(files.length, start + batchSize),
      added: counts.added,
      changed: counts.changed,
      unchanged: counts.unchanged,
      takedowns: 0,
      problems: counts.problemCount,
      elapsedMs: Date.now() - started,
    });
  }
  await writing;
  return counts;
}
