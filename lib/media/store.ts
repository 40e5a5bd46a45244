import { mkdir, readdir, readFile, rename, stat, unlink, writeFile, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, describeDatabase } from '@/db/connection.mjs';
import type { InspectedPhoto } from '@/lib/media/inspect';

/**
 * Where photos live (docs/decisions/028-photos.md). Originals are kept privately by a MediaStore:
 * a folder (MEDIA_DIR, the embedded default) or PostgreSQL (DATABASE_URL), so every instance can
 * make every derivative without a shared volume. Derivatives are made from the original into a
 * bounded cache on each instance's own disk; a name always means the same bytes, so a cache
 * miss only costs the time to make it again.
 */

export interface StoredOriginal {
  photo: InspectedPhoto;
  bytes: Buffer;
}

export interface MediaStore {
  readonly description: string;
  /** Keeps the original (idempotent: the hash names the bytes). */
  putOriginal(photo: InspectedPhoto, bytes: Uint8Array): Promise<void>;
  getOriginal(hash: string): Promise<StoredOriginal | undefined>;
  /** The photo's record without its bytes. */
  describe(hash: string): Promise<InspectedPhoto | undefined>;
  close?(): Promise<void>;
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** Originals in `<dir>/originals/`: outside public/, and never named by the media route. */
export class FolderMediaStore implements MediaStore {
  readonly description: string;
  private readonly originals: string;
  constructor(readonly dir: string) {
    this.description = `folder ${dir}`;
    this.originals = path.join(dir, 'originals');
  }
  async putOriginal(photo: InspectedPhoto, bytes: Uint8Array): Promise<void> {
    await mkdir(this.originals, { recursive: true });
    await writeAtomically(path.join(this.originals, photo.hash), bytes);
    // The record last: a photo is known only once its bytes are whole.
    await writeAtomically(path.join(this.originals, `${photo.hash}.json`), JSON.stringify(photo));
  }
  async describe(hash: string): Promise<InspectedPhoto | undefined> {
    try {
      return JSON.parse(await readFile(path.join(this.originals, `${hash}.json`), 'utf8')) as InspectedPhoto;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
  async getOriginal(hash: string): Promise<StoredOriginal | undefined> {
    const photo = await this.describe(hash);
    if (!photo) return undefined;
    return { photo, bytes: await readFile(path.join(this.originals, hash)) };
  }
}

/** Originals in the table media_originals (db/migrations/006-media.sql). */
export class PgMediaStore implements MediaStore {
  readonly description: string;
  private readonly sql;
  constructor(url: string) {
    this.description = `PostgreSQL at ${describeDatabase(url)}`;
    this.sql = connectDatabase(url, { max: 2, idle_timeout: 30 });
  }
  async putOriginal(photo: InspectedPhoto, bytes: Uint8Array): Promise<void> {
    await this.sql`
      INSERT INTO media_originals (hash, format, width, height, size, bytes)
      VALUES (${photo.hash}, ${photo.format}, ${photo.width}, ${photo.height}, ${photo.bytes}, ${Buffer.from(bytes)})
      ON CONFLICT (hash) DO NOTHING`;
  }
  async describe(hash: string): Promise<InspectedPhoto | undefined> {
    const [row] = await this.sql<{ hash: string; format: InspectedPhoto['format']; width: number; height: number; size: number }[]>`
      SELECT hash, format, width, height, size FROM media_originals WHERE hash = ${hash}`;
    return row && { hash: row.hash, format: row.format, width: row.width, height: row.height, bytes: Number(row.size) };
  }
  async getOriginal(hash: string): Promise<StoredOriginal | undefined> {
    const [row] = await this.sql<{ hash: string; format: InspectedPhoto['format']; width: number; height: number; size: number; bytes: Buffer }[]>`
      SELECT hash, format, width, height, size, bytes FROM media_originals WHERE hash = ${hash}`;
    return row && { photo: { hash: row.hash, format: row.format, width: row.width, height: row.height, bytes: Number(row.size) }, bytes: row.bytes };
  }
  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

/**
 * Derivatives on this instance's disk, at most `maxBytes` of them: the least recently served go
 * first. Names are content-addressed, so a file is never rewritten, only made again after eviction.
 */
export class DerivedCache {
  private sizes: Promise<Map<string, number>> | undefined;
  private total = 0;
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /** What is on disk, read once (by the first caller; the others wait for the same reading). */
  private index(): Promise<Map<string, number>> {
    return (this.sizes ??= this.scan());
  }

  private async scan(): Promise<Map<string, number>> {
    await mkdir(this.dir, { recursive: true });
    const entries: { name: string; size: number; used: number }[] = [];
    for (const name of await readdir(this.dir)) {
      if (name.endsWith('.tmp')) continue;
      const s = await stat(path.join(this.dir, name)).catch(() => undefined);
      if (s?.isFile()) entries.push({ name, size: s.size, used: s.mtimeMs });
    }
    entries.sort((a, b) => a.used - b.used);
    this.total = entries.reduce((sum, e) => sum + e.size, 0);
    return new Map(entries.map((e) => [e.name, e.size]));
  }

  async get(name: string): Promise<Buffer | undefined> {
    const sizes = await this.index();
    if (!sizes.has(name)) return undefined;
    try {
      const data = await readFile(path.join(this.dir, name));
      // Most recently used last (Map order), and on disk for the next start.
      sizes.delete(name);
      sizes.set(name, data.length);
      const now = new Date();
      await utimes(path.join(this.dir, name), now, now).catch(() => undefined);
      return data;
    } catch {
      this.total -= sizes.get(name) ?? 0;
      sizes.delete(name);
      return undefined;
    }
  }

  async put(name: string, data: Buffer): Promise<void> {
    const sizes = await this.index();
    if (data.length > this.maxBytes) return;
    await writeAtomically(path.join(this.dir, name), data);
    this.total += data.length - (sizes.get(name) ?? 0);
    sizes.delete(name);
    sizes.set(name, data.length);
    for (const [oldest, size] of sizes) {
      if (this.total <= this.maxBytes) break;
      sizes.delete(oldest);
      this.total -= size;
      await unlink(path.join(this.dir, oldest)).catch(() => undefined);
    }
  }

  get bytes(): number {
    return this.total;
  }
}

export interface MediaConfig {
  store: MediaStore;
  cache: DerivedCache;
}

const MB = 1024 * 1024;

/**
 * The stores from the environment: DATABASE_URL keeps originals in PostgreSQL and derivatives in
 * MEDIA_CACHE_DIR (default: a folder in the system's temp dir); otherwise both in MEDIA_DIR
 * (default data/media, git-ignored). MEDIA_CACHE_MB bounds the derivatives (default 1024).
 */
export function mediaConfigFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): MediaConfig {
  const cacheMb = env.MEDIA_CACHE_MB && /^\d+$/.test(env.MEDIA_CACHE_MB) ? Number(env.MEDIA_CACHE_MB) : 1024;
  const mediaDir = path.resolve(cwd, env.MEDIA_DIR || 'data/media');
  if (env.DATABASE_URL) {
    const cacheDir = path.resolve(cwd, env.MEDIA_CACHE_DIR || path.join(os.tmpdir(), 'kabar-kini-media-cache'));
    return { store: new PgMediaStore(env.DATABASE_URL), cache: new DerivedCache(cacheDir, cacheMb * MB) };
  }
  return { store: new FolderMediaStore(mediaDir), cache: new DerivedCache(path.join(mediaDir, 'derived'), cacheMb * MB) };
}
