import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, testDatabase, type TestDatabase } from '../../e2e/support/postgres';
import { PhotoRefusal } from '@/lib/media/inspect';
import { ingestPhoto, prepareVariants, serveMedia } from '@/lib/media/serve';
import { DerivedCache, FolderMediaStore, PgMediaStore, type MediaConfig } from '@/lib/media/store';
import { cameraJpeg, EXIFTOOL, hugePngHeader, paddedJpeg, revealingTags, TEXT_AS_JPEG } from '@/lib/media/test-photos';
import { publishedFocuses } from '@/lib/media/published';
import { CENTRE, CONTENT_TYPE, CROPS, cropRect, listedVariants, variantName, type Focus } from '@/lib/media/variants';

let db: TestDatabase | undefined;
let skipped = '';
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'media-test-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  const made = await testDatabase();
  if ('skipped' in made) skipped = made.skipped;
  else {
    db = made;
    migrate(db.url);
  }
}, 120_000);
afterAll(async () => {
  await db?.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const folderConfig = (): MediaConfig => {
  const dir = tempDir();
  return { store: new FolderMediaStore(dir), cache: new DerivedCache(path.join(dir, 'derived'), 200 * 1024 * 1024) };
};

/** Mean colour of the top and bottom fifth of an image: red on top means the right way up. */
async function topAndBottom(bytes: Buffer, from = 0, to = 0.2) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const band = (from: number, to: number) => {
    let r = 0;
    let b = 0;
    let n = 0;
    for (let y = Math.floor(info.height * from); y < Math.floor(info.height * to); y++) {
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * info.channels;
        r += data[i]!;
        b += data[i + 2]!;
        n++;
      }
    }
    return { red: r / n, blue: b / n };
  };
  return { top: band(from, to), bottom: band(0.8, 1) };
}

/** As the media route asks: the focal points published stories give each photo. */
const FOCUS = { x: 0.5, y: 0.2 };
const storiesNaming = (hash: string, ...focuses: Focus[]) => publishedFocuses(focuses.map((focus) => ({ image: { src: `media:${hash}`, alt: 'x', caption: '', credit: '', width: 1000, height: 1600, focus } })));

async function checkEveryDerivative(config: MediaConfig) {
  const photo = await ingestPhoto(config, await cameraJpeg());
  expect(photo).toMatchObject({ width: 1000, height: 1600 });
  const variants = listedVariants({ hash: photo.hash, width: photo.width, height: photo.height, focus: FOCUS });
  expect(variants.length).toBeGreaterThan(20);
  for (const v of variants) {
    const answer = await serveMedia(config, variantName(v), storiesNaming(photo.hash, FOCUS));
    expect(answer.status, variantName(v)).toBe(200);
    if (answer.status !== 200) continue;
    expect(answer.contentType).toBe(CONTENT_TYPE[v.format]);
    const meta = await sharp(answer.body).metadata();
    expect(meta.format === 'heif' ? 'avif' : meta.format, variantName(v)).toBe(v.format);
    expect(meta.width, variantName(v)).toBe(v.width);
    expect(meta.orientation ?? 1, 'no orientation flag left to apply').toBe(1);
    expect(meta.exif, 'no EXIF').toBeUndefined();
    expect(meta.xmp, 'no XMP').toBeUndefined();
    expect(meta.iptc, 'no IPTC').toBeUndefined();
    const { top, bottom } = await topAndBottom(answer.body);
    expect(top.red, `${variantName(v)}: red on top, the right way up`).toBeGreaterThan(top.blue + 100);
    if (!v.crop) expect(bottom.blue, `${variantName(v)}: blue at the bottom`).toBeGreaterThan(bottom.red + 100);
    else {
      // The focal point (y 0.2 of the photo, in its red upper part) is inside the crop, and red there.
      const rect = cropRect(photo.width, photo.height, CROPS[v.crop], v.focus);
      const at = (0.2 * photo.height - rect.top) / rect.height;
      expect(at, `${variantName(v)} contains the focal point`).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThanOrEqual(1);
      const { top: near } = await topAndBottom(answer.body, Math.max(0, at - 0.05), Math.min(1, at + 0.05));
      expect(near.red, `${variantName(v)}: red at the focal point`).toBeGreaterThan(near.blue + 100);
    }
    if (EXIFTOOL && v.width === 640) expect(revealingTags(answer.body), `${variantName(v)} as exiftool reads it`).toEqual([]);
  }
  expect(EXIFTOOL ? revealingTags(await cameraJpeg()) : ['(exiftool missing)']).toEqual(expect.arrayContaining([expect.stringMatching(/GPS/)]));
  return photo;
}

async function checkRefusals(config: MediaConfig, stored: () => Promise<number>) {
  const before = await stored();
  for (const [bytes, reason] of [
    [TEXT_AS_JPEG, 'not-an-image'],
    [hugePngHeader(), 'too-many-pixels'],
    [await paddedJpeg(40 * 1024 * 1024), 'too-large'],
  ] as const) {
    const error = await ingestPhoto(config, bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoRefusal);
    expect((error as PhotoRefusal).reason).toBe(reason);
  }
  expect(await stored(), 'nothing stored for a refused photo').toBe(before);
}

describe('media in a folder (MEDIA_DIR)', () => {
  it('serves every derivative decoded, upright and without EXIF, GPS, XMP or IPTC; never the original', async () => {
    const config = folderConfig();
    const photo = await checkEveryDerivative(config);
    const named = storiesNaming(photo.hash, FOCUS);
    expect((await serveMedia(config, photo.hash, named)).status, 'the original by its hash').toBe(404);
    expect((await serveMedia(config, `${photo.hash}-1600.jpg`, named)).status, 'wider than the photo: never made').toBe(404);
    expect((await serveMedia(config, `${'f'.repeat(20)}-640.jpg`, named)).status, 'unknown photo').toBe(404);
    expect((await serveMedia(config, `${photo.hash}-16x9-050-20-1000.jpg`, named)).status, 'another spelling of a listed name').toBe(404);
    const store = config.store as FolderMediaStore;
    expect(readdirSync(path.join(store.dir, 'originals')).sort()).toEqual([photo.hash, `${photo.hash}.json`]);
  }, 120_000);

  it('refuses a text file, a 30 000 × 30 000 PNG and a 40 MB file, storing nothing', async () => {
    const config = folderConfig();
    const originals = path.join((config.store as FolderMediaStore).dir, 'originals');
    await checkRefusals(config, async () => (existsSync(originals) ? readdirSync(originals).length : 0));
  }, 60_000);

  it('makes a crop only at a focal point a published story gives the photo: any other is 404, decoded and cached never', async () => {
    const config = folderConfig();
    const photo = await ingestPhoto(config, await cameraJpeg());
    const named = storiesNaming(photo.hash, FOCUS, { x: 0.3, y: 0.7 });
    const store = config.store as FolderMediaStore;
    let reads = 0;
    const getOriginal = store.getOriginal.bind(store);
    store.getOriginal = async (hash) => (reads++, getOriginal(hash));
    for (const name of [`${photo.hash}-16x9-99-99-1000.jpg`, `${photo.hash}-1x1-7-3-1000.jpg`, `${photo.hash}-4x3-50-50-480.webp`, `${photo.hash}-191x100-50-21-1000.jpg`]) {
      expect((await serveMedia(config, name, named)).status, name).toBe(404);
    }
    expect((await serveMedia(config, `${photo.hash}-1x1-50-20-1000.jpg`, storiesNaming(photo.hash))).status, 'no published story names the photo').toBe(404);
    expect(reads, 'the original was never read to decode').toBe(0);
    expect(existsSync(config.cache.dir) ? readdirSync(config.cache.dir) : [], 'nothing written to the derived cache').toEqual([]);
    // Both stories' points are served, and the whole frame needs no story (the desk's preview).
    for (const name of [`${photo.hash}-1x1-50-20-1000.jpg`, `${photo.hash}-16x9-30-70-1000.avif`, `${photo.hash}-640.jpg`]) {
      expect((await serveMedia(config, name, named)).status, name).toBe(200);
    }
    expect(readdirSync(config.cache.dir)).toHaveLength(3);
  }, 60_000);

  it('makes the listed derivatives at publish, and keeps the cache within its bound', async () => {
    const config = folderConfig();
    const photo = await ingestPhoto(config, await cameraJpeg());
    const made = await prepareVariants(config, photo.hash, { x: 0.5, y: 0.2 });
    expect(readdirSync(config.cache.dir)).toHaveLength(made);
    const small: MediaConfig = { store: config.store, cache: new DerivedCache(tempDir(), 60 * 1024) };
    for (const v of listedVariants(photo).slice(0, 12)) await serveMedia(small, variantName(v), storiesNaming(photo.hash, CENTRE));
    const onDisk = readdirSync(small.cache.dir);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(small.cache.bytes).toBeLessThanOrEqual(60 * 1024);
  }, 120_000);
});

describe('media in PostgreSQL (DATABASE_URL)', () => {
  it('keeps originals in the database; a second instance with an empty cache serves the same bytes', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const a: MediaConfig = { store: new PgMediaStore(db.url), cache: new DerivedCache(tempDir(), 100 * 1024 * 1024) };
    const b: MediaConfig = { store: new PgMediaStore(db.url), cache: new DerivedCache(tempDir(), 100 * 1024 * 1024) };
    try {
      const photo = await checkEveryDerivative(a);
      const name = `${photo.hash}-640.webp`;
      const named = storiesNaming(photo.hash, FOCUS);
      const [fromA, fromB] = await Promise.all([serveMedia(a, name, named), serveMedia(b, name, named)]);
      expect(fromB.status).toBe(200);
      expect(fromA.status === 200 && fromB.status === 200 && fromA.body.equals(fromB.body), 'same name, same bytes on every instance').toBe(true);
      await checkRefusals(a, async () => Number((await (a.store as PgMediaStore)['sql']`SELECT count(*)::int AS n FROM media_originals`)[0]!.n));
    } finally {
      await a.store.close?.();
      await b.store.close?.();
    }
  }, 180_000);
});
