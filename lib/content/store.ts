/**
 * Where articles live. The site reads through this interface only, so the content folder (the
 * embedded default, docs/decisions/010-live-content.md) and PostgreSQL (DATABASE_URL, decision 015)
 * are interchangeable. Writing is not part of it: the folder writes files (FolderStore), the
 * database writes in transactions of the commands (lib/content/pg-writer.ts).
 */
import type { StoryMeta } from '@/lib/content/meta';

/** One article file as stored: its path relative to the store ("<code>/slug.md") and its Markdown source. */
export interface StoredFile {
  file: string;
  source: string;
}

/** A story taken down by an editor: its URLs answer 410 Gone rather than 404. */
export interface Takedown {
  translationId: string;
  locale: string;
  slug: string;
  /** ISO 8601 instant of the takedown. */
  at: string;
}

export interface StoreContents {
  /** Every article file, published and draft, keyed by its path in the store: a store whose stories are parsed by the reader (the folder). */
  files?: ReadonlyMap<string, string>;
  /**
   * Or every story's meta, keyed the same way: a store whose writers parsed and checked each story,
   * so a reader keeps only this and reads a body when it is shown (the database, decision 031).
   */
  stories?: ReadonlyMap<string, StoryMeta>;
  /** A content hash of each file, so a reader can tell which files changed without comparing text. */
  hashes: ReadonlyMap<string, string>;
  takedowns: readonly Takedown[];
  /** Changes whenever any file or takedown changes; equal contents give equal versions. */
  version: string;
}

export interface ContentStore {
  /** For log lines and error messages: "folder /srv/content". */
  readonly description: string;
  /**
   * Makes the store ready to be read without waiting, before the server answers (a database
   * connects and loads its mirror); rejects with a one-line reason. A store without it is always ready.
   */
  open?(): Promise<void>;
  /** Reads everything now. The folder store re-reads only files whose size or mtime changed. */
  read(): StoreContents;
  /** Re-reads only these files (a publish or a file event said which changed). */
  readChanged(files: readonly string[]): StoreContents;
  /**
   * Waits until what `read` returns includes every change committed before the call (these files,
   * or everything). For a store that learns of changes asynchronously (the database's mirror).
   */
  catchUp?(files?: readonly string[]): Promise<void>;
  /**
   * The stored sources of these files, with their content hashes, for the stories a reader shows
   * (a store that gives `stories` rather than `files`). Files not in the store are left out.
   */
  readSources?(files: readonly string[]): Promise<Map<string, { source: string; hash: string }>>;
  /**
   * Calls `onChange` when the store may have changed outside this process, with the files that
   * changed when it knows them; returns a stop function. Returns undefined when it cannot watch.
   */
  watch(onChange: (files?: string[], notifiedAt?: number) => void): (() => void) | undefined;
}
