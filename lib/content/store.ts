/**
 * Where articles live. The site reads through this interface only, so the content folder (the
 * embedded default) and a database (docs/decisions/010-live-content.md) are interchangeable.
 */

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
  /** Every article file, published and draft, keyed by its path in the store. */
  files: ReadonlyMap<string, string>;
  /** A content hash of each file, so a reader can tell which files changed without comparing text. */
  hashes: ReadonlyMap<string, string>;
  takedowns: readonly Takedown[];
  /** Changes whenever any file or takedown changes; equal contents give equal versions. */
  version: string;
}

export interface ContentStore {
  /** For log lines and error messages: "folder /srv/content". */
  readonly description: string;
  /** Reads everything now. The folder store re-reads only files whose size or mtime changed. */
  read(): StoreContents;
  /** Re-reads only these files (a publish or a file event said which changed). */
  readChanged(files: readonly string[]): StoreContents;
  /** Writes files so that a reader never sees half of one (temporary file, then rename). */
  write(files: readonly StoredFile[]): void;
  /** Removes files (paths as in `read().files`). */
  remove(files: readonly string[]): void;
  /** Records takedowns (kept until the story is published again). */
  recordTakedowns(takedowns: readonly Takedown[]): void;
  /**
   * Calls `onChange` when the store may have changed outside this process, with the files that
   * changed when it knows them; returns a stop function. Returns undefined when it cannot watch.
   */
  watch(onChange: (files?: string[]) => void): (() => void) | undefined;
}
