import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql } from 'postgres';
import { createHash } from 'node:crypto';
import { FolderStore } from '@/lib/content/folder-store';
import { buildIndex, isPublished, publishedTime, storyKeyOf, type ContentIndex } from '@/lib/content/index';
import type { StoryMeta } from '@/lib/content/meta';
import type { Locale } from '@/i18n/languages';
import { validateFiles } from '@/lib/content/load';
import { parseArticle, type Article } from '@/lib/content/parse';
import { PgStore } from '@/lib/content/pg-store';
import type { ContentStore, Takedown } from '@/lib/content/store';
import { logError, logInfo } from '../observability/log.mjs';
import { observePublishLag } from '../observability/metrics.mjs';

/**
 * The content the site shows, kept current while the server runs (docs/decisions/010-live-content.md).
 *
 * One snapshot at a time: every article of the store, validated as a whole, and the index of what
 * readers may see at that moment (published, and not under embargo). A render reads one snapshot
 * from start to end (pinned per request), so a page is never half old and half new. The snapshot
 * is replaced when a publish notifies the server, when the store changes under it (file events,
 * and a re-read every few seconds), and when an embargo ends. A store that fails validation keeps
 * the last good snapshot in service and logs every problem once; takedowns recorded in the store
 * meanwhile are applied to that snapshot all the same (an urgent takedown never waits for someone
 * to fix an unrelated file).
 *
 * State lives on globalThis: the pages, the route handlers, instrumentation and the page cache
 * handler are separate bundles in one process, and must all see the same snapshot.
 */
export interface ContentSnapshot {
  /** Changes whenever what readers may see changes (an article, a takedown, an embargo ending). */
  version: string;
  /**
   * Every story in the store, drafts included (previews read these): whole Articles from the folder,
   * only their meta from the database (lib/content/details.ts reads the rest when a story is shown).
   */
  articles: readonly StoryMeta[];
  /** What readers see. */
  index: ContentIndex;
  /** When the next embargoed story goes live (ms since the epoch), if any. */
  nextEmbargoAt: number | undefined;
  /** When this snapshot was made. */
  takenAt: number;
}

export interface RefreshResult {
  version: string;
  changed: boolean;
  /** Set when the store failed validation: the last good snapshot stays in service. */
  problem?: Error;
  /**
   * With `problem`: the files (as the store names them) of the stories taken down in the snapshot
   * served now, takedowns recorded after the last good read included.
   */
  takenDown?: ReadonlySet<string>;
}

interface LiveState {
  store?: ContentStore;
  current?: ContentSnapshot;
  /** The store contents behind `current`, so a re-read that finds nothing new costs no validation. */
  storeVersion?: string;
  hashes?: ReadonlyMap<string, string>;
  /** Parsed articles by file, with the content hash they were parsed from: a re-read parses only what changed. */
  parsed: Map<string, { hash: string; article: Article }>;
  /** "locale/slug" → translationId of the stories taken down in the store. */
  takedownSlugs?: ReadonlyMap<string, string>;
  /** The articles and takedowns of the last read that validated: what a takedown recorded while the store is invalid is applied to. */
  lastGood?: { articles: readonly StoryMeta[]; takedownSlugs: ReadonlyMap<string, string> };
  /** "locale/slug" → translationId of every story readers could see since this process started. */
  everVisible: Map<string, string>;
  lastProblem?: string;
  watching?: boolean;
  pin: AsyncLocalStorage<{ snapshot?: ContentSnapshot }>;
  /** For the page cache handler (lib/cache/content-cache-handler.mjs), which is not bundled with this module. */
  currentVersion?: () => string;
  pinnedVersion?: () => string | undefined;
  /** Called whenever the served version changes (the front cache's purge, lib/front-cache/purge.ts). */
  changeListeners: Set<(before: ContentSnapshot, after: ContentSnapshot) => void>;
}

const STATE = Symbol.for('kabar-kini.live-content');
/** How often the store is re-read when it cannot be watched (a network filesystem). */
export const STORE_RECHECK_MS = 2_000;
/** How often it is re-read in full anyway, in case a file event was missed. */
export const STORE_RESCAN_MS = 30_000;

function state(): LiveState {
  const g = globalThis as typeof globalThis & { [STATE]?: LiveState };
  const s: LiveState = (g[STATE] ??= { everVisible: new Map(), parsed: new Map(), pin: new AsyncLocalStorage(), changeListeners: new Set() });
  s.changeListeners ??= new Set();
  s.currentVersion ??= () => currentSnapshot().version;
  s.pinnedVersion ??= () => s.pin.getStore()?.snapshot?.version;
  return s;
}

/**
 * The store the site reads: PostgreSQL when DATABASE_URL is set (decision 015), else the content
 * folder (CONTENT_DIR), unless a test sets another.
 */
export function contentStore(): ContentStore {
  const s = state();
  return (s.store ??= process.env.DATABASE_URL ? new PgStore(process.env.DATABASE_URL) : new FolderStore());
}

/**
 * The content database's pool for the queries of requests (search, a story's body), or undefined
 * when the content lives in the folder (the embedded default).
 */
export function contentDatabase(): Sql | undefined {
  // Asked of the store, not by `instanceof`: the store on globalThis may have been made by another
  // bundle (instrumentation's), with its own copy of the class.
  const store = contentStore() as ContentStore & { reader?: () => Sql };
  return typeof store.reader === 'function' ? store.reader() : undefined;
}

/**
 * Makes the store ready (a database connects and loads its mirror) and reads the first snapshot:
 * awaited by the server before it answers, so no request waits on the store. Rejects with the
 * reason when the store cannot be read.
 */
export async function openContentStore(): Promise<ContentSnapshot> {
  await contentStore().open?.();
  return currentSnapshot();
}

/** For tests: read another store from now on (and forget the snapshot of the previous one). */
export function useContentStore(store: ContentStore): void {
  const s = state();
  s.parsed.clear();
  Object.assign(s, { store, current: undefined, storeVersion: undefined, hashes: undefined, takedownSlugs: undefined, lastGood: undefined, lastProblem: undefined });
  s.everVisible.clear();
}

const isVisibleAt = (now: number) => (article: StoryMeta) => isPublished(article) && publishedTime(article) <= now;

const DIGEST = Symbol('digest');

/** storyDigest of a story as the store hashes it now, worked out once per story object and hash. */
function digestOf(article: StoryMeta, hash: string): [number, number] {
  const known = (article as StoryMeta & { [DIGEST]?: { hash: string; digest: [number, number] } })[DIGEST];
  if (known?.hash === hash) return known.digest;
  const digest = storyDigest(article.file, hash);
  Object.defineProperty(article, DIGEST, { value: { hash, digest }, enumerable: false, writable: true, configurable: true });
  return digest;
}

/** A 64-bit digest of one story's file and source hash, as two 32-bit halves (FNV-1a, two seeds). */
function storyDigest(file: string, hash: string): [number, number] {
  let hi = 0x811c9dc5;
  let lo = 0x01000193 ^ 0x9e3779b9;
  const text = `${file}\0${hash}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    hi = Math.imul(hi ^ c, 0x01000193);
    lo = Math.imul(lo ^ c, 0x01000197);
  }
  return [hi >>> 0, lo >>> 0];
}

function takeSnapshot(articles: readonly StoryMeta[], hashes: ReadonlyMap<string, string>, takedownSlugs: ReadonlyMap<string, string>, now: number): ContentSnapshot {
  const s = state();
  const visible = isVisibleAt(now);
  const index = buildIndex(articles, visible);
  const embargoedKeys = new Set<string>();
  let nextEmbargoAt: number | undefined;
  for (const a of articles) {
    if (!isPublished(a) || visible(a)) continue;
    embargoedKeys.add(storyKeyOf(a));
    nextEmbargoAt = Math.min(nextEmbargoAt ?? Infinity, publishedTime(a));
  }
  for (const a of index.published) {
    const key = storyKeyOf(a);
    if (!s.everVisible.has(key)) s.everVisible.set(key, a.translationId);
  }
  // A URL readers knew that shows nothing now: the story moved to another slug in the same
  // language (redirected there), or it was taken down by an editor or by hand, set back to draft
  // or removed (gone). A story back under embargo is neither.
  const gone = new Set<string>();
  const renamed = new Map<string, string>();
  const classify = (key: string, translationId: string) => {
    if (index.bySlug.has(key) || embargoedKeys.has(key) || gone.has(key) || renamed.has(key)) return;
    if (index.byTranslation.get(translationId)?.[key.slice(0, key.indexOf('/')) as Locale]) renamed.set(key, translationId);
    else gone.add(key);
  };
  for (const [key, translationId] of takedownSlugs) classify(key, translationId);
  for (const [key, translationId] of s.everVisible) classify(key, translationId);
  // The version: equal for equal content on every instance (they share the page cache), whatever the
  // order the stories were read in; an order-free sum of each published story's digest, so a change
  // costs a pass over the stories, never a sort or a string of them all.
  let hi = 0;
  let lo = 0;
  for (const a of index.published) {
    const [h, l] = digestOf(a, hashes.get(a.file) ?? '');
    hi = (hi + h) >>> 0;
    lo = (lo ^ l) >>> 0;
  }
  const hash = createHash('sha256');
  hash.update(`${index.published.length}\0${hi}\0${lo}`);
  hash.update(`gone\0${[...gone].sort().join('\n')}\0renamed\0${[...renamed.keys()].sort().join('\n')}`);
  return { version: hash.digest('hex').slice(0, 16), articles, index: { ...index, gone, renamed }, nextEmbargoAt, takenAt: now };
}

function log(message: string): void {
  logInfo(`[content] ${message}`);
}

/**
 * Re-reads the store. On success the new snapshot serves every request that starts from now on;
 * on a validation failure the last good one stays, and the problems are logged (once per set of
 * problems). The first read of a process has nothing to fall back on and throws, which fails the
 * build with the file, the field and the fix.
 */
export function refreshContent({ files }: { files?: readonly string[] } = {}): RefreshResult {
  const s = state();
  const store = contentStore();
  const previous = s.current;
  let contents;
  try {
    contents = files && previous ? store.readChanged(files) : store.read();
  } catch (error) {
    if (!previous) throw error;
    return keepLastGood(error as Error);
  }
  if (previous && contents.version === s.storeVersion) {
    return { version: currentSnapshot().version, changed: false };
  }
  let articles: readonly StoryMeta[];
  if (contents.stories) {
    // Parsed and checked by the writer (the database): the reader keeps the meta it was given.
    s.parsed.clear();
    articles = [...contents.stories.values()];
  } else {
    const parse = (file: string, source: string): Article => {
      const hash = contents.hashes.get(file) ?? '';
      const known = s.parsed.get(file);
      if (known && known.hash === hash) return known.article;
      const article = parseArticle(file, source);
      s.parsed.set(file, { hash, article });
      return article;
    };
    const files = contents.files ?? new Map<string, string>();
    for (const file of s.parsed.keys()) if (!files.has(file)) s.parsed.delete(file);
    try {
      articles = validateFiles(files, parse);
    } catch (error) {
      if (!previous) throw error;
      return keepLastGood(error as Error, contents.takedowns);
    }
  }
  s.storeVersion = contents.version;
  s.hashes = contents.hashes;
  s.takedownSlugs = new Map(contents.takedowns.map((t) => [`${t.locale}/${t.slug}`, t.translationId]));
  s.lastGood = { articles, takedownSlugs: s.takedownSlugs };
  s.current = takeSnapshot(articles, contents.hashes, s.takedownSlugs, Date.now());
  if (s.lastProblem) log(`the content store is valid again; serving version ${s.current.version}`);
  s.lastProblem = undefined;
  const changed = s.current.version !== previous?.version;
  if (previous && changed) {
    log(`now serving version ${s.current.version} (${s.current.index.published.length} published articles)`);
    announceChange(previous, s.current);
  }
  return { version: s.current.version, changed };
}

function keepLastGood(problem: Error, takedowns: readonly Takedown[] = []): RefreshResult {
  const s = state();
  const applied = s.lastGood ? applyTakedowns(s.lastGood, takedowns) : undefined;
  if (problem.message !== s.lastProblem) {
    s.lastProblem = problem.message;
    logError(
      `[content] the ${contentStore().description} has problems; the site keeps serving the last good content (version ${s.current!.version}) until they are fixed:\n${problem.message}`,
    );
  }
  return { version: s.current!.version, changed: applied?.changed ?? false, problem, takenDown: applied?.takenDown };
}

/**
 * Takes down, in the last good content, the stories the store's takedown list names now (recorded
 * since that read): a takedown is urgent and must not wait for an unrelated broken file. Only
 * takedowns new since the last good read count, so an old entry never hides a story that was
 * published again by hand.
 */
function applyTakedowns(lastGood: NonNullable<LiveState['lastGood']>, takedowns: readonly Takedown[]): { changed: boolean; takenDown: Set<string> } {
  const s = state();
  const recorded = new Map(takedowns.map((t) => [`${t.locale}/${t.slug}`, t.translationId]));
  const fresh = new Map([...recorded].filter(([key, translationId]) => lastGood.takedownSlugs.get(key) !== translationId));
  const takenDown = new Set<string>();
  const articles = lastGood.articles.map((article) => {
    const key = `${article.locale}/${article.slug}`;
    if (fresh.get(key) === article.translationId && isPublished(article)) {
      takenDown.add(article.file);
      return { ...article, status: 'draft' as const };
    }
    if (recorded.get(key) === article.translationId && !isPublished(article)) takenDown.add(article.file);
    return article;
  });
  s.takedownSlugs = new Map([...lastGood.takedownSlugs, ...fresh]);
  const previous = s.current!;
  const next = takeSnapshot(articles, s.hashes ?? new Map(), s.takedownSlugs, Date.now());
  if (next.version === previous.version) return { changed: false, takenDown };
  s.current = next;
  log(`took down ${[...takenDown].join(', ')} in the last good content (the store has problems); now serving version ${next.version}`);
  announceChange(previous, next);
  return { changed: true, takenDown };
}

/** The content hash of a file as last read from the store (for caches of its parsed text). */
export function storyHash(file: string): string | undefined {
  return state().hashes?.get(file);
}

/** The live snapshot, with any embargo that has ended since it was taken already lifted. */
export function currentSnapshot(): ContentSnapshot {
  const s = state();
  if (!s.current) refreshContent();
  const current = s.current!;
  const now = Date.now();
  if (current.nextEmbargoAt !== undefined && current.nextEmbargoAt <= now) {
    s.current = takeSnapshot(current.articles, s.hashes ?? new Map(), s.takedownSlugs ?? new Map(), now);
    log(`an embargo ended; now serving version ${s.current.version}`);
    if (s.current.version !== current.version) announceChange(current, s.current);
  }
  return s.current!;
}

/**
 * Calls `listener` with the snapshots before and after, each time the served version changes
 * (a publish, a file saved by hand, an embargo ending), before any request reads the new one.
 * Returns a function that removes it.
 */
export function onContentChange(listener: (before: ContentSnapshot, after: ContentSnapshot) => void): () => void {
  const listeners = state().changeListeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announceChange(before: ContentSnapshot, after: ContentSnapshot): void {
  for (const listener of state().changeListeners) {
    try {
      listener(before, after);
    } catch (error) {
      logError('[content] a change listener failed:', { err: error });
    }
  }
}

/**
 * The snapshot of this request: the first read in a request pins the current snapshot, and every
 * later read in the same request (metadata, page, lists) gets the same one. Outside a request
 * (the build, a script) it is simply the current snapshot.
 */
export function getSnapshot(): ContentSnapshot {
  const context = state().pin.getStore();
  if (!context) return currentSnapshot();
  return (context.snapshot ??= currentSnapshot());
}

/** Runs `handle` (one HTTP request) with its own pinned snapshot. */
export function withPinnedContent<T>(handle: () => T): T {
  return state().pin.run({}, handle);
}

/**
 * Keeps the snapshot current while the server runs: on file events (debounced, re-reading only the
 * files named), with a full re-read every STORE_RESCAN_MS (STORE_RECHECK_MS where the store cannot
 * be watched), and at each embargo's end. Not during `next build`: the build reads once.
 */
export function keepContentCurrent(): void {
  const s = state();
  if (s.watching) return;
  s.watching = true;
  currentSnapshot();
  let pending: NodeJS.Timeout | undefined;
  let changed: Set<string> | undefined = new Set();
  // The earliest notification time among the changes waiting (the database's NOTIFY carries one).
  let notified: number | undefined;
  const refreshSoon = (files?: string[], notifiedAt?: number) => {
    // Unknown files (a folder event, the takedown list): the next refresh reads everything.
    if (!files) changed = undefined;
    else for (const file of files) changed?.add(file);
    if (notifiedAt !== undefined) notified = Math.min(notified ?? notifiedAt, notifiedAt);
    clearTimeout(pending);
    pending = setTimeout(() => {
      const only = changed;
      const since = notified;
      changed = new Set();
      notified = undefined;
      const result = refreshContent(only ? { files: [...only] } : {});
      // Publish lag on every instance, not only the one a publish notified over HTTP; only when this
      // refresh applied the change (the HTTP notification may have applied it first, and counted it).
      if (since !== undefined && result.changed && !result.problem) observePublishLag(since);
    }, 100);
    pending.unref();
  };
  const watching = contentStore().watch(refreshSoon);
  const timer = setInterval(() => refreshContent(), watching ? STORE_RESCAN_MS : STORE_RECHECK_MS);
  timer.unref();
  // Embargoes end on the second, not at the next re-read.
  const embargoTimer = setInterval(() => currentSnapshot(), 1_000);
  embargoTimer.unref();
}
