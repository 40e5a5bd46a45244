import { createHash } from 'node:crypto';
import type { TransactionSql } from 'postgres';
import { CONTENT_CHANNEL, connectDatabase, MAX_NOTIFY_PAYLOAD } from '@/db/connection.mjs';
import { storedMeta } from '@/lib/content/meta';
import { parseArticle, type Article } from '@/lib/content/parse';
import { searchDocument } from '@/lib/search/document';
import type { StoredFile, Takedown } from '@/lib/content/store';

/** pg_advisory_xact_lock's key for writers of content: one publish or import at a time, so each validates against what the other committed. */
export const WRITE_LOCK = 73_012_013;

/** Which stories a change may touch, by the keys that the rules across stories use (all indexed). */
export interface StoryKeys {
  files?: readonly string[];
  /** Every language version of these stories. */
  translationIds?: readonly string[];
  /** Stories with this slug, in any language. */
  slugs?: readonly string[];
}

/**
 * The store as a writer's transaction sees it, and the changes it asks for (applied before COMMIT).
 * A writer reads only the stories its change can touch (`read`), never the whole archive: the
 * rules across stories are about keys the table indexes and constrains (decision 031).
 */
export interface ContentTransaction {
  /** Reads the stories these keys name into `files` and `hashes`, as of the transaction's lock. */
  read(keys: StoryKeys): Promise<void>;
  /** The stories read so far, published and draft, by path ("<code>/slug.md"). */
  readonly files: ReadonlyMap<string, string>;
  readonly hashes: ReadonlyMap<string, string>;
  /** How many rows this transaction has read: what a publish costs, whatever the archive's size. */
  readonly rowsRead: number;
  readonly takedowns: readonly Takedown[];
  write(files: readonly StoredFile[]): void;
  remove(files: readonly string[]): void;
  recordTakedowns(takedowns: readonly Takedown[]): void;
  /** Forgets the takedowns of stories published again. */
  clearTakedowns(slugs: readonly { locale: string; slug: string }[]): void;
}

export const sourceHash = (source: string) => createHash('sha256').update(source).digest('hex');

/**
 * Runs `work` in one transaction on the content store at `url`: it reads the store (under a lock
 * that serialises writers), validates and asks for changes; the changes are applied, a NOTIFY
 * naming the files is sent (PostgreSQL delivers it on COMMIT only), and the transaction commits.
 * When `work` throws, nothing is written. Resolves only after COMMIT. `committing` is set once
 * `work` is done, so a caller can tell "nothing was written" from "the COMMIT's outcome is unknown".
 */
export async function transactContent<T>(url: string, work: (tx: ContentTransaction) => T | Promise<T>, state: { committing?: boolean } = {}): Promise<T> {
  const sql = connectDatabase(url, { max: 1 });
  try {
    // Wrapped: begin() would otherwise unwrap a result that is an array of promises.
    const { result } = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
      const takedownRows = await tx<{ translation_id: string; locale: string; slug: string; taken_down_at: Date }[]>`
        SELECT translation_id, locale, slug, taken_down_at FROM takedowns ORDER BY locale, slug`;
      const files = new Map<string, string>();
      const hashes = new Map<string, string>();
      let rowsRead = 0;
      const writes = new Map<string, string>();
      const removals = new Set<string>();
      const recorded: Takedown[] = [];
      const cleared: { locale: string; slug: string }[] = [];
      const result = await work({
        read: async ({ files: named = [], translationIds = [], slugs = [] }) => {
          if (!named.length && !translationIds.length && !slugs.length) return;
          const none = [''];
          const rows = await tx<{ file: string; source: string; hash: string }[]>`
            SELECT file, source, hash FROM articles
            WHERE file IN ${tx(named.length ? [...named] : none)} OR translation_id IN ${tx(translationIds.length ? [...translationIds] : none)}
              OR slug IN ${tx(slugs.length ? [...slugs] : none)}`;
          rowsRead += rows.length;
          for (const r of rows) {
            files.set(r.file, r.source);
            hashes.set(r.file, r.hash);
          }
        },
        files,
        hashes,
        get rowsRead() {
          return rowsRead;
        },
        takedowns: takedownRows.map((t) => ({ translationId: t.translation_id, locale: t.locale, slug: t.slug, at: new Date(t.taken_down_at).toISOString() })),
        write: (files) => {
          for (const { file, source } of files) {
            writes.set(file, source);
            removals.delete(file);
          }
        },
        remove: (files) => {
          for (const file of files) {
            removals.add(file);
            writes.delete(file);
          }
        },
        recordTakedowns: (takedowns) => void recorded.push(...takedowns),
        clearTakedowns: (slugs) => void cleared.push(...slugs),
      });
      await apply(tx, writes, removals, recorded, cleared);
      const changed = [...writes.keys(), ...removals];
      if (changed.length || recorded.length || cleared.length) {
        // `at`: when it was committed, from which each instance measures its publish lag (decision 029).
        const payload = JSON.stringify({ files: changed, at: Date.now() });
        // Too long for a NOTIFY: the listeners re-read everything.
        await tx`SELECT pg_notify(${CONTENT_CHANNEL}, ${payload.length < MAX_NOTIFY_PAYLOAD ? payload : '{}'})`;
      }
      state.committing = true;
      return { result };
    });
    return result;
  } finally {
    await sql.end({ timeout: 5 }).catch(() => undefined);
  }
}

async function apply(tx: TransactionSql, writes: Map<string, string>, removals: Set<string>, recorded: Takedown[], cleared: { locale: string; slug: string }[]): Promise<void> {
  if (removals.size) await tx`DELETE FROM articles WHERE file IN ${tx([...removals])}`;
  for (const [file, source] of writes) await upsertArticle(tx, file, source, parseArticle(file, source));
  for (const t of recorded) {
    await tx`
      INSERT INTO takedowns (locale, slug, translation_id, taken_down_at) VALUES (${t.locale}, ${t.slug}, ${t.translationId}, ${t.at})
      ON CONFLICT (locale, slug) DO UPDATE SET translation_id = excluded.translation_id, taken_down_at = excluded.taken_down_at`;
  }
  for (const { locale, slug } of cleared) await tx`DELETE FROM takedowns WHERE locale = ${locale} AND slug = ${slug}`;
}

/**
 * Writes one article row: its source, the columns the database checks, and what readers read
 * without the source (decision 031): the story's meta, its publication time and its search words.
 * `article` is the source parsed (validated by the caller already).
 */
export async function upsertArticle(tx: TransactionSql, file: string, source: string, article: Article): Promise<void> {
  const { translationId, locale, slug, status, publishedAt } = article;
  const doc = searchDocument(article);
  await tx`
    INSERT INTO articles (file, source, hash, translation_id, locale, slug, status, meta, published_at, search, search_text, written_at)
    VALUES (${file}, ${source}, ${sourceHash(source)}, ${translationId}, ${locale}, ${slug}, ${status}, ${tx.json(storedMeta(article) as never)}, ${publishedAt},
      setweight(to_tsvector(${doc.config}::regconfig, ${doc.title}), 'A') || setweight(to_tsvector(${doc.config}::regconfig, ${doc.summary}), 'B')
        || setweight(to_tsvector(${doc.config}::regconfig, ${doc.body}), 'C'),
      ${doc.text}, clock_timestamp())
    ON CONFLICT (file) DO UPDATE SET source = excluded.source, hash = excluded.hash, translation_id = excluded.translation_id,
      locale = excluded.locale, slug = excluded.slug, status = excluded.status, meta = excluded.meta, published_at = excluded.published_at,
      search = excluded.search, search_text = excluded.search_text, written_at = clock_timestamp()`;
}
