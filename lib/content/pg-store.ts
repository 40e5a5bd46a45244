import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Sql } from 'postgres';
import { CONTENT_CHANNEL, connectDatabase, databaseProblem, describeDatabase } from '@/db/connection.mjs';
import { ContentError, ContentErrors } from '@/lib/content/errors';
import { storyMeta, type StoredMeta, type StoryMeta } from '@/lib/content/meta';
import { parseArticle } from '@/lib/content/parse';
import type { ContentStore, StoreContents, Takedown } from '@/lib/content/store';
import { logInfo } from '../observability/log.mjs';
import { countStoreOutage, markStoreUp } from '../observability/metrics.mjs';

/** How often the whole table is compared anyway, in case a notification was lost (the 5 s promise comes from NOTIFY). */
export const PG_RESYNC_MS = 30_000;
/** How often a lost connection is tried again. */
export const PG_RETRY_MS = 1_000;
/** How long a publish notification over HTTP waits for a lost connection to come back. */
const CATCH_UP_WAIT_MS = 5_000;

type MetaRow = { file: string; hash: string; meta: StoredMeta | null; source: string | null };

// Rows written before migration 007 have no meta yet (`npm run db:migrate` fills it): their
// source is selected instead, and parsed (`mirror`).
/** How many rows a full read takes at a time, so a large archive is never one result in memory. */
const READ_BATCH = 10_000;

type TakedownRow = { translation_id: string; locale: string; slug: string; taken_down_at: Date };
const toTakedown = (t: TakedownRow): Takedown => ({ translationId: t.translation_id, locale: t.locale, slug: t.slug, at: new Date(t.taken_down_at).toISOString() });

/**
 * The content store in PostgreSQL (DATABASE_URL), read by the server through an in-memory mirror of
 * every story's meta (not its text: decision 031) and the takedowns, so that routing and lists stay
 * synchronous (docs/decisions/015-postgresql-content-store.md); a story's source is read when it is
 * shown (`readSources`):
 * - `open()` (awaited by instrumentation before the server answers) connects, LISTENs, then reads
 *   everything. A process that reads before opening (a build worker) gets the mirror synchronously
 *   from db/dump-content.mjs in a child process;
 * - each NOTIFY (sent inside the writer's transaction, so delivered only on COMMIT) names the files
 *   changed: those rows and the takedowns are read again, and the watchers are told which files;
 * - a lost connection is tried again every second while the mirror keeps serving; once back, it
 *   LISTENs first and then re-reads everything (a notification may have been missed meanwhile);
 * - every PG_RESYNC_MS the whole table is compared anyway.
 *
 * Writes are not here: they are transactions of the commands (lib/content/pg-writer.ts).
 */
export class PgStore implements ContentStore {
  /** Every story's meta, and its source's hash (the first 16 hex digits: enough to tell versions apart). */
  private stories = new Map<string, StoryMeta>();
  private hashes = new Map<string, string>();
  private generation = 0;
  /** Rows without meta whose source does not parse: the store is invalid until they are fixed. */
  private problems = new Map<string, ContentError>();
  /** The table's row count and latest write at the last full read: the periodic re-read compares these first. */
  private tableStamp = '';
  private takedowns: Takedown[] = [];
  private loaded = false;
  private contentsCache?: StoreContents;
  private readonly watchers = new Set<(files?: string[], notifiedAt?: number) => void>();
  private client?: Sql;
  private readerPool?: Sql;
  private opened?: Promise<void>;
  /** Mirror updates one at a time, in the order the notifications came. */
  private queue: Promise<unknown> = Promise.resolve();
  private reconnecting = false;

  /** `startWaitMs`: how long a starting server waits for its database before it gives up (DATABASE_START_WAIT_MS). */
  constructor(
    readonly url: string,
    private readonly startWaitMs = Number(process.env.DATABASE_START_WAIT_MS || 30_000),
  ) {}

  get description(): string {
    return `PostgreSQL database at ${describeDatabase(this.url)}`;
  }

  read(): StoreContents {
    if (!this.loaded) this.loadSync();
    return this.contents();
  }

  /** The mirror is kept current by the notifications, which already re-read the rows they name. */
  readChanged(): StoreContents {
    return this.read();
  }

  watch(onChange: (files?: string[], notifiedAt?: number) => void): () => void {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }

  /**
   * Connects, LISTENs and loads everything. A database that is not ready yet (started at the same
   * time as the site, or being migrated) is tried again every second for `startWaitMs`; then it
   * rejects with a one-line reason.
   */
  open(): Promise<void> {
    this.opened ??= (async () => {
      const deadline = Date.now() + this.startWaitMs;
      let lastProblem = '';
      for (;;) {
        try {
          await this.connect();
          markStoreUp('postgres');
          break;
        } catch (error) {
          const problem = databaseProblem(this.url, error);
          if (Date.now() + PG_RETRY_MS > deadline) {
            this.opened = undefined;
            throw new Error(`[content] ${problem} The site cannot start without its content.`, { cause: error });
          }
          if (problem !== lastProblem) log(`waiting for the database: ${problem}`);
          lastProblem = problem;
          await new Promise((resolve) => setTimeout(resolve, PG_RETRY_MS));
        }
      }
      const timer = setInterval(() => {
        if (this.client) this.enqueue(() => this.resync()).catch((error: unknown) => log(`the periodic re-read failed: ${databaseProblem(this.url, error)}`));
      }, PG_RESYNC_MS);
      timer.unref();
    })();
    return this.opened;
  }

  /**
   * Brings the mirror up to date with the database now (the named files, or everything): for a
   * publish notification received over HTTP, which may arrive before the NOTIFY does.
   */
  async catchUp(files?: readonly string[]): Promise<void> {
    // Reconnecting (the writer may have reached the database first): a few seconds for the
    // connection to come back, whose full re-read then includes the change; else the caller is told.
    for (let waited = 0; !this.client && waited < CATCH_UP_WAIT_MS; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    await this.enqueue(() => (files?.length ? this.applyFiles(files) : this.resync()));
  }

  /**
   * A pool for the queries of requests (a story's body, search), beside the one connection that
   * LISTENs and keeps the index: a slow query never delays a notification. Reconnects by itself.
   */
  reader(): Sql {
    return (this.readerPool ??= connectDatabase(this.url, { max: Number(process.env.DATABASE_POOL_SIZE || 4), idle_timeout: 60 }));
  }

  /** Stops listening (tests). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.reconnecting = true; // no reconnection after an intended close
    const pool = this.readerPool;
    this.readerPool = undefined;
    await Promise.all([client?.end({ timeout: 1 }), pool?.end({ timeout: 1 })]);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async connect(): Promise<void> {
    const client = connectDatabase(this.url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      onnotify: (channel, payload) => {
        if (channel !== CONTENT_CHANNEL) return;
        this.enqueue(() => this.applyNotification(payload)).catch((error: unknown) => {
          // A lost connection re-reads everything once it is back; anything else, at the next periodic re-read.
          log(`a change could not be read yet: ${databaseProblem(this.url, error)}`);
        });
      },
      onclose: () => {
        if (this.client !== client) return;
        this.client = undefined;
        void this.reconnect();
      },
    });
    try {
      // LISTEN before reading: a change committed between the two is then both read and notified,
      // never neither.
      await client.unsafe(`LISTEN ${CONTENT_CHANNEL}`);
      this.client = client;
      await this.enqueue(() => this.resync());
    } catch (error) {
      if (this.client === client) this.client = undefined;
      await client.end({ timeout: 0 }).catch(() => undefined);
      throw error;
    }
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    countStoreOutage('postgres');
    log(`lost the connection to the ${this.description}; serving the last content read from it, and trying again every ${PG_RETRY_MS / 1000} s`);
    let lastProblem = '';
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, PG_RETRY_MS));
      try {
        await this.connect();
        break;
      } catch (error) {
        const problem = databaseProblem(this.url, error);
        if (problem !== lastProblem) log(`still no connection: ${problem}`);
        lastProblem = problem;
      }
    }
    this.reconnecting = false;
    markStoreUp('postgres', true);
    log(`connected again to the ${this.description}; everything was read again`);
  }

  private async applyNotification(payload: string): Promise<void> {
    let files: unknown;
    let at: unknown;
    try {
      ({ files, at } = JSON.parse(payload) as { files?: unknown; at?: unknown });
    } catch {
      files = undefined;
    }
    const notifiedAt = typeof at === 'number' && Number.isFinite(at) ? at : undefined;
    if (Array.isArray(files) && files.length && files.every((f) => typeof f === 'string')) await this.applyFiles(files as string[], notifiedAt);
    else await this.resync();
  }

  private async applyFiles(files: readonly string[], notifiedAt?: number): Promise<void> {
    const client = this.requireClient();
    const [rows, takedowns] = await client.begin('isolation level repeatable read read only', (tx) => [
      tx<MetaRow[]>`SELECT file, hash, meta, CASE WHEN meta IS NULL THEN source END AS source FROM articles WHERE file IN ${tx(files as string[])}`,
      tx<TakedownRow[]>`SELECT translation_id, locale, slug, taken_down_at FROM takedowns ORDER BY locale, slug`,
    ]);
    const found = new Map(rows.map((r) => [r.file, r]));
    for (const file of files) {
      const row = found.get(file);
      if (row) this.mirror(row);
      else this.forget(file);
    }
    this.takedowns = takedowns.map(toTakedown);
    this.changed([...files], notifiedAt);
  }

  private mirror(row: MetaRow): void {
    this.problems.delete(row.file);
    try {
      const story: StoryMeta = row.meta ? { file: row.file, ...row.meta } : storyMeta(parseArticle(row.file, row.source ?? ''));
      this.stories.set(row.file, story);
      this.hashes.set(row.file, row.hash.slice(0, 16));
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      this.stories.delete(row.file);
      this.hashes.delete(row.file);
      this.problems.set(row.file, error);
    }
  }

  private forget(file: string): void {
    this.stories.delete(file);
    this.hashes.delete(file);
    this.problems.delete(file);
  }

  /**
   * Reads everything; tells the watchers only when something differs from the mirror. Cheap when
   * nothing changed: writers stamp each row with the time of their write under one lock, so the
   * table's row count and latest stamp change with every write and removal; only then are the
   * hashes compared, and only the rows that differ read again.
   */
  private async resync(): Promise<void> {
    const client = this.requireClient();
    const [[stamp], takedowns] = await client.begin('isolation level repeatable read read only', (tx) => [
      tx<{ rows: number; latest: Date | null }[]>`SELECT count(*)::int AS rows, max(written_at) AS latest FROM articles`,
      tx<TakedownRow[]>`SELECT translation_id, locale, slug, taken_down_at FROM takedowns ORDER BY locale, slug`,
    ]);
    const tableStamp = `${stamp!.rows}/${stamp!.latest ? new Date(stamp!.latest).getTime() : 0}`;
    const freshTakedowns = takedowns.map(toTakedown);
    const takedownsDiffer = JSON.stringify(freshTakedowns) !== JSON.stringify(this.takedowns);
    if (this.loaded && tableStamp === this.tableStamp && !takedownsDiffer) return;
    let changedRows = false;
    if (!this.loaded) {
      await client<MetaRow[]>`SELECT file, hash, meta, CASE WHEN meta IS NULL THEN source END AS source FROM articles`.cursor(READ_BATCH, (rows) => {
        for (const row of rows) this.mirror(row);
      });
      changedRows = true;
    } else if (tableStamp !== this.tableStamp) {
      const hashes = new Map<string, string>();
      await client<{ file: string; hash: string }[]>`SELECT file, left(hash, 16) AS hash FROM articles`.cursor(READ_BATCH * 5, (rows) => {
        for (const { file, hash } of rows) hashes.set(file, hash);
      });
      const gone = [...this.stories.keys(), ...this.problems.keys()].filter((file) => !hashes.has(file));
      const differ = [...hashes].filter(([file, hash]) => this.hashes.get(file) !== hash && !this.problems.has(file)).map(([file]) => file);
      // A row that did not parse is read again each time: it may have been fixed.
      differ.push(...[...this.problems.keys()].filter((file) => hashes.has(file)));
      for (const file of gone) this.forget(file);
      for (let i = 0; i < differ.length; i += READ_BATCH) {
        const rows = await client<MetaRow[]>`SELECT file, hash, meta, CASE WHEN meta IS NULL THEN source END AS source FROM articles WHERE file IN ${client(differ.slice(i, i + READ_BATCH))}`;
        for (const row of rows) this.mirror(row);
      }
      changedRows = gone.length > 0 || differ.length > 0;
    }
    this.tableStamp = tableStamp;
    this.takedowns = freshTakedowns;
    this.loaded = true;
    if (changedRows || takedownsDiffer) this.changed(undefined);
  }

  /** Sources of the stories requested, from the pool of requests (not the connection that LISTENs). */
  async readSources(files: readonly string[]): Promise<Map<string, { source: string; hash: string }>> {
    if (!files.length) return new Map();
    const rows = await this.reader()<{ file: string; source: string; hash: string }[]>`SELECT file, source, hash FROM articles WHERE file IN ${this.reader()(files as string[])}`;
    return new Map(rows.map((r) => [r.file, { source: r.source, hash: r.hash.slice(0, 16) }]));
  }

  private changed(files: string[] | undefined, notifiedAt?: number): void {
    this.contentsCache = undefined;
    for (const watcher of this.watchers) watcher(files, notifiedAt);
  }

  private requireClient(): Sql {
    if (!this.client) throw Object.assign(new Error('not connected'), { code: 'CONNECTION_CLOSED' });
    return this.client;
  }

  /** The mirror, read synchronously through a child process: for a process that has not opened the store (a build worker). */
  private loadSync(): void {
    let output: string;
    try {
      output = execFileSync(process.execPath, [path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'dump-content.mjs')], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: this.url },
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 2 ** 31 - 1,
      });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new Error(`[content] ${stderr || (error as Error).message}`);
    }
    const dump = JSON.parse(output) as { articles: [string, string, StoredMeta | null, string | null][]; takedowns: Takedown[] };
    this.stories = new Map();
    this.hashes = new Map();
    this.problems = new Map();
    for (const [file, hash, meta, source] of dump.articles) this.mirror({ file, hash, meta, source });
    this.takedowns = dump.takedowns;
    this.loaded = true;
    this.contentsCache = undefined;
  }

  private contents(): StoreContents {
    if (this.problems.size) throw new ContentErrors([...this.problems.values()]);
    if (this.contentsCache) return this.contentsCache;
    // Views of the mirror, not copies: at a million stories a copy per change costs more than the change.
    // The version is a count of changes (the mirror changes only when the database did).
    this.contentsCache = { stories: this.stories, hashes: this.hashes, takedowns: this.takedowns, version: `pg-${++this.generation}` };
    return this.contentsCache;
  }
}

function log(message: string): void {
  logInfo(`[content] ${message}`);
}
