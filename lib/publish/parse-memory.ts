import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FolderStore } from '@/lib/content/folder-store';
import { parseArticle, type Article } from '@/lib/content/parse';
import type { Parse } from '@/lib/publish/plan';

/**
 * Articles already in the folder store, parsed once and remembered by size and mtime in a dot file
 * beside them: at 10,000 stories per language, reading and parsing every file again took the
 * command ~10 s. A file whose size or mtime changed, or every file after the validation code
 * changed (`codeVersion`, a hash of that code), is read and parsed again. Without a `codeVersion`
 * nothing is remembered: every file is read and parsed.
 */
export const PARSE_CACHE = '.publish-parse-cache.json';
type Remembered = Pick<Article, 'translationId' | 'slug' | 'locale' | 'status' | 'title' | 'publishedAt'>;

export interface RememberedStore {
  /** Every article file; the source is '' for a file remembered unchanged (read through `sourceOf` when needed). */
  files: Map<string, string>;
  parse: Parse;
  sourceOf: (file: string) => string;
  /** Writes what was parsed, and the stories just written (`written`, as the store now has them), for the next publish. */
  save(written?: readonly Article[]): void;
  /** How many stories were read from their files (the others were remembered unchanged), and how many there are. */
  readonly counts: { read: number; stories: number };
}

/**
 * The validation code's version: what the parse cache remembers is valid only for it. A hash of the
 * files that decide whether an article is valid, read from the project folder `root`, so that
 * `npm run publish` and the server's desk share one cache; undefined (nothing remembered, every
 * file parsed) where those files are not there.
 */
export function validationCodeVersion(root: string): string | undefined {
  try {
    return createHash('sha256')
      .update(['lib/content/schema.ts', 'lib/content/parse.ts', 'lib/site.ts'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\0'))
      .digest('hex')
      .slice(0, 16);
  } catch {
    return undefined;
  }
}

export function rememberedStore(store: FolderStore, codeVersion?: string): RememberedStore {
  let remembered: Record<string, { stamp: string; article: Remembered }> = {};
  if (codeVersion) {
    try {
      const saved = JSON.parse(readFileSync(path.join(store.root, PARSE_CACHE), 'utf8')) as { codeVersion: string; files: typeof remembered };
      if (saved.codeVersion === codeVersion) remembered = saved.files;
    } catch {
      // none yet, or unreadable: everything is read and parsed
    }
  }
  const stamps = store.stats();
  // Sources of the files not remembered; the remembered ones are read only if needed (a takedown).
  const files = new Map<string, string>();
  const counts = { read: 0, stories: stamps.size };
  const read = (file: string) => {
    counts.read++;
    return store.source(file);
  };
  for (const [file, stamp] of stamps) files.set(file, remembered[file]?.stamp === stamp ? '' : read(file));
  const fresh: typeof remembered = {};
  const parse = (file: string, source: string): Article => {
    const stamp = stamps.get(file);
    // Remembered from an earlier publish, or parsed already in this one (the plan and the
    // validation both read the store): each unchanged file is parsed at most once.
    const known = fresh[file] ?? remembered[file];
    if (stamp && known?.stamp === stamp) {
      fresh[file] = known;
      return { ...known.article, file } as Article;
    }
    const article = parseArticle(file, source);
    if (stamp) {
      const { translationId, slug, locale, status, title, publishedAt } = article;
      fresh[file] = { stamp, article: { translationId, slug, locale, status, title, publishedAt } };
    }
    return article;
  };
  const sourceOf = (file: string) => files.get(file) || read(file);
  // A cache: written whole (a temporary file renamed over it) but not flushed to disk; if a crash
  // loses it, the next publish parses everything again.
  const save = (written: readonly Article[] = []) => {
    if (!codeVersion) return;
    // What this publish wrote is known already: the next publish need not read it again.
    for (const article of written) {
      const stamp = store.stamp(article.file);
      if (!stamp) continue;
      const { translationId, slug, locale, status, title, publishedAt } = article;
      fresh[article.file] = { stamp, article: { translationId, slug, locale, status, title, publishedAt } };
    }
    const target = path.join(store.root, PARSE_CACHE);
    writeFileSync(`${target}.${process.pid}.tmp`, JSON.stringify({ codeVersion, files: fresh }));
    renameSync(`${target}.${process.pid}.tmp`, target);
  };
  return { files, parse, sourceOf, save, counts };
}
