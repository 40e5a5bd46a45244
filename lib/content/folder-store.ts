import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, type FSWatcher, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, watch, writeSync } from 'node:fs';
import path from 'node:path';
import { describeHolder, tryLock } from '@/lib/content/folder-lock';
import type { ContentStore, StoreContents, StoredFile, Takedown } from '@/lib/content/store';
import { logError } from '../observability/log.mjs';

/** The content folder: CONTENT_DIR if set (absolute, or relative to the working directory), else content/. */
export function contentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.CONTENT_DIR || 'content');
}

/** Takedowns are kept beside the articles; a dot file, so it is never read as an article. */
/** What the folder store reads: every file's source (its stories are parsed by the reader). */
export type FolderContents = StoreContents & { files: ReadonlyMap<string, string> };

export const TAKEDOWNS_FILE = '.takedowns.json';

/**
 * What a publish is about to do, written (atomically) before it starts and removed once it is all
 * done: a crash in between leaves it, and the next publish or the server's start does it again
 * (every step can be repeated). docs/decisions/023-folder-publish-lock-and-journal.md.
 */
export const JOURNAL_FILE = '.publish-journal.json';

/** One publish's writes to the folder, applied in this order: new files, removals, takedowns recorded, takedowns cleared. */
export interface FolderChange {
  write: StoredFile[];
  remove: string[];
  recordTakedowns: Takedown[];
  clearTakedowns: { locale: string; slug: string }[];
}

/** Whether a file of the folder is a story (a dot file, such as the journal or the takedowns, never is). */
export const isArticleFile = (name: string) => name.endsWith('.md') && !name.startsWith('.') && name !== 'README.md';

/**
 * The takedowns recorded in the folder `root` (TAKEDOWNS_FILE): none when there is no such file, and
 * none when it is not valid JSON (`onInvalid` is told its path): a broken file never stops a read.
 */
export function readTakedownsFile(root: string, onInvalid: (file: string) => void): Takedown[] {
  const file = path.join(root, TAKEDOWNS_FILE);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as Takedown[]) : [];
  } catch {
    onInvalid(file);
    return [];
  }
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  source: string;
  hash: string;
}

/**
 * The embedded default store: one Markdown file per article per language under CONTENT_DIR, read
 * at build time and at run time. No service to install.
 */
export class FolderStore implements ContentStore {
  private readonly cache = new Map<string, CachedFile>();

  constructor(readonly root: string = contentDir()) {}

  get description(): string {
    return `folder ${this.root}`;
  }

  /**
   * Before the first read of a server: finishes a publish that crashed half-way (its journal is
   * still there), unless a publish holds the lock right now (it finishes its own, or the next one does).
   */
  async open(): Promise<void> {
    if (!existsSync(path.join(this.root, JOURNAL_FILE))) return;
    const lock = tryLock(this.root, 'the server repairing an unfinished publish');
    if (!('release' in lock)) {
      logError(`content: an unfinished publish (${JOURNAL_FILE}) is left to the publish running now: ${describeHolder(path.join(this.root, '.publish.lock'), lock.holder)}`);
      return;
    }
    try {
      this.finishUnfinished();
    } finally {
      lock.release();
    }
  }

  /**
   * Applies `change` through the journal. The caller holds the folder's lock (lib/content/folder-lock.ts),
   * and has finished any earlier unfinished publish first (finishUnfinished).
   */
  commit(change: FolderChange): void {
    const journal = path.join(this.root, JOURNAL_FILE);
    for (const { file } of change.write) this.resolve(file);
    for (const file of change.remove) this.resolve(file);
    writeAtomically(journal, JSON.stringify({ pid: process.pid, at: new Date().toISOString(), change }));
    // The journal's rename must reach the disk before any write it covers.
    syncFolder(this.root);
    this.applyCommitted(change);
    rmSync(journal, { force: true });
  }

  /**
   * Redoes the publish whose journal is left (a crash between its first and last write), under the
   * caller's lock. Returns what it redid, for the log, or undefined when there was nothing to redo.
   */
  finishUnfinished(): string | undefined {
    const journal = path.join(this.root, JOURNAL_FILE);
    let text;
    try {
      text = readFileSync(journal, 'utf8');
    } catch {
      return undefined;
    }
    let entry: { pid?: number; at?: string; change?: FolderChange };
    try {
      entry = JSON.parse(text) as typeof entry;
    } catch {
      // Written atomically, so never half-written; a damaged one is set aside rather than guessed at.
      renameSync(journal, `${journal}.damaged`);
      logError(`content: ${journal} was unreadable (set aside as ${JOURNAL_FILE}.damaged); the store is checked as it is.`);
      return undefined;
    }
    const change = entry.change!;
    this.applyCommitted(change);
    rmSync(journal, { force: true });
    const what = `finished the publish of ${entry.at ?? 'unknown time'} (pid ${entry.pid ?? '?'}) that stopped half-way: wrote ${change.write.map((w) => w.file).join(', ') || 'nothing'}${change.remove.length ? `, removed ${change.remove.join(', ')}` : ''}`;
    logError(`content: ${what}`);
    return what;
  }

  /** Every step may run twice (a redo after a crash): writes replace, removals force, takedowns merge by URL. */
  private applyCommitted(change: FolderChange): void {
    this.write(change.write);
    this.remove(change.remove);
    if (change.recordTakedowns.length) this.recordTakedowns(change.recordTakedowns);
    if (change.clearTakedowns.length) this.clearTakedowns(change.clearTakedowns);
  }

  read(): FolderContents {
    let entries;
    try {
      entries = readdirSync(this.root, { recursive: true, withFileTypes: true });
    } catch (error) {
      throw new Error(`Cannot read the content folder ${this.root} (CONTENT_DIR=${process.env.CONTENT_DIR ?? 'unset'}): ${(error as Error).message}`);
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!entry.isFile() || !isArticleFile(entry.name)) continue;
      const file = this.relative(path.join(entry.parentPath, entry.name));
      if (!file) continue;
      if (this.readFile(file)) seen.add(file);
    }
    for (const file of this.cache.keys()) if (!seen.has(file)) this.cache.delete(file);
    this.scanned = true;
    return this.contents();
  }

  /**
   * Every article file's size and mtime, without reading any: for a command that remembers what it
   * parsed (npm run publish) and reads only what changed since.
   */
  stats(): Map<string, string> {
    const stamps = new Map<string, string>();
    for (const entry of readdirSync(this.root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !isArticleFile(entry.name)) continue;
      const file = this.relative(path.join(entry.parentPath, entry.name));
      const stamp = file && this.stamp(file);
      if (file && stamp) stamps.set(file, stamp);
    }
    return stamps;
  }

  /** One file's size and mtime, as `stats` gives them; undefined when it is not there. */
  stamp(file: string): string | undefined {
    try {
      const stat = statSync(path.join(this.root, file));
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return undefined;
    }
  }

  /** One file's source (a path as in `read().files`). */
  source(file: string): string {
    return readFileSync(this.resolve(file), 'utf8');
  }

  /**
   * Re-reads only the named files (paths as in `read().files`), when the caller knows what changed:
   * a file event, or a publish that lists its files. Falls back to a full read the first time.
   */
  readChanged(files: readonly string[]): FolderContents {
    if (!this.scanned) return this.read();
    for (const given of files) {
      // Cached under the name a full read gives ("en/x.md"), never as given ("en//x.md",
      // "en/./x.md", "en/../en/x.md"): a second name would be a second copy of the story.
      const file = typeof given === 'string' && !given.includes('\0') ? this.relative(path.join(this.root, given)) : undefined;
      if (!file || !isArticleFile(path.posix.basename(file))) continue;
      if (!this.readFile(file)) this.cache.delete(file);
    }
    return this.contents();
  }

  private scanned = false;

  /** Everything as last read, in a stable order; the version hashes every file's content hash. */
  private contents(): FolderContents {
    const files = new Map<string, string>();
    const hashes = new Map<string, string>();
    const hash = createHash('sha256');
    for (const file of [...this.cache.keys()].sort()) {
      const cached = this.cache.get(file)!;
      files.set(file, cached.source);
      hashes.set(file, cached.hash);
      hash.update(`${file}\0${cached.hash}\n`);
    }
    const takedowns = this.readTakedowns();
    hash.update(JSON.stringify(takedowns));
    return { files, hashes, takedowns, version: hash.digest('hex').slice(0, 16) };
  }

  /** "<code>/slug.md" for a file inside the store and outside dot folders, else undefined. */
  private relative(absolute: string): string | undefined {
    const relative = path.relative(this.root, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    const parts = relative.split(path.sep);
    return parts.some((part) => part.startsWith('.')) ? undefined : parts.join('/');
  }

  /** The file's source, re-read only when its size or mtime changed since the last read. */
  private readFile(file: string): CachedFile | undefined {
    const absolute = path.join(this.root, file);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      return undefined; // removed between the listing and now
    }
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const source = readFileSync(absolute, 'utf8');
    const fresh = { mtimeMs: stat.mtimeMs, size: stat.size, source, hash: createHash('sha256').update(source).digest('hex') };
    this.cache.set(file, fresh);
    return fresh;
  }

  private readTakedowns(): Takedown[] {
    return readTakedownsFile(this.root, (file) =>
      logError(`content: ${file} is not valid JSON; takedowns in it are ignored until it is fixed (npm run publish rewrites it).`),
    );
  }


  write(files: readonly StoredFile[]): void {
    for (const { file, source } of files) writeAtomically(this.resolve(file), source);
  }

  remove(files: readonly string[]): void {
    for (const file of files) rmSync(this.resolve(file), { force: true });
  }

  recordTakedowns(takedowns: readonly Takedown[]): void {
    const key = (t: Takedown) => `${t.locale}/${t.slug}`;
    const merged = new Map(this.readTakedowns().map((t) => [key(t), t]));
    for (const t of takedowns) merged.set(key(t), t);
    writeAtomically(path.join(this.root, TAKEDOWNS_FILE), `${JSON.stringify([...merged.values()], null, 2)}\n`);
  }

  /** Forgets takedowns of stories that are published again. */
  clearTakedowns(slugs: readonly { locale: string; slug: string }[]): void {
    const current = this.readTakedowns();
    const kept = current.filter((t) => !slugs.some((s) => s.locale === t.locale && s.slug === t.slug));
    if (kept.length !== current.length) writeAtomically(path.join(this.root, TAKEDOWNS_FILE), `${JSON.stringify(kept, null, 2)}\n`);
  }

  /**
   * Watches the folder and each language folder in it (inotify on the directories, which reports
   * files written, renamed over and removed; Node's recursive watch misses files replaced by rename).
   */
  watch(onChange: (files?: string[]) => void): (() => void) | undefined {
    const watchers = new Map<string, FSWatcher>();
    const add = (dir: string) => {
      if (watchers.has(dir)) return;
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          // The lock, the journal, the publish's parse cache and temporary files are not content:
          // only the takedown list among the dot files is.
          if (name && name.toString().startsWith('.') && name.toString() !== TAKEDOWNS_FILE) return;
          sync();
          const file = name ? this.relative(path.join(dir, name.toString())) : undefined;
          onChange(file && isArticleFile(path.posix.basename(file)) ? [file] : undefined);
        });
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // not watchable: the periodic re-read still notices changes
      }
    };
    const sync = () => {
      add(this.root);
      try {
        for (const entry of readdirSync(this.root, { withFileTypes: true })) {
          if (entry.isDirectory() && !entry.name.startsWith('.')) add(path.join(this.root, entry.name));
        }
      } catch {
        // the folder is gone for now
      }
    };
    sync();
    if (!watchers.size) return undefined;
    return () => {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    };
  }

  private resolve(file: string): string {
    const absolute = path.resolve(this.root, file);
    if (!absolute.startsWith(this.root + path.sep)) throw new Error(`${file} is outside the content folder ${this.root}`);
    return absolute;
  }
}

/** Flushes a folder's entries (a rename in it) to disk; where folders cannot be opened for that, the rename is as durable as the filesystem makes it. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here (some filesystems refuse fsync on a folder)
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Temporary file in the same folder (a dot file, so never listed), flushed, then renamed over the target. */
export function writeAtomically(target: string, text: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
}
