import { inspectPhoto, type InspectedPhoto } from '@/lib/media/inspect';
import type { MediaLimits } from '@/lib/media/limits';
import { renderVariant } from '@/lib/media/render';
import type { MediaConfig } from '@/lib/media/store';
import { CONTENT_TYPE, isListedVariant, listedVariants, parseVariantName, sameFocus, variantName, type Focus, type Variant } from '@/lib/media/variants';

/** A year, immutable: a name always means the same bytes (lib/media/variants.ts). */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export type MediaResponse = { status: 200; body: Buffer; contentType: string } | { status: 404 };

const making = new Map<string, Promise<Buffer>>();

/** The derivative, from the cache or made now (once, however many ask at the same moment). */
async function variantBytes(config: MediaConfig, v: Variant, focus: Focus | undefined, limits?: MediaLimits): Promise<Buffer | undefined> {
  const name = variantName(v);
  const cached = await config.cache.get(name);
  if (cached) return cached;
  const pending = making.get(name);
  if (pending) return pending;
  const original = await config.store.getOriginal(v.hash);
  if (!original) return undefined;
  const photo = { hash: original.photo.hash, width: original.photo.width, height: original.photo.height, focus };
  if (!isListedVariant(photo, v)) return undefined;
  const work = renderVariant(original.bytes, photo, v, limits).then(async (bytes) => {
    await config.cache.put(name, bytes);
    return bytes;
  });
  making.set(name, work);
  try {
    return await work;
  } finally {
    making.delete(name);
  }
}

/**
 * The focal points the stories readers can see give a stored photo (lib/media/published.ts), or
 * the one a caller draws itself (the share card of the story it renders).
 */
export type NamedFocuses = (hash: string) => readonly Focus[];

/**
 * The answer to GET /media/<name>: a derivative, or 404 for any other name (an original's hash
 * alone, another width, a photo not in the store, a crop at a focal point no story gives the
 * photo). Originals are never served.
 */
export async function serveMedia(config: MediaConfig, name: string, namedFocuses: NamedFocuses): Promise<MediaResponse> {
  const v = parseVariantName(name);
  // One spelling per derivative ("-050-" is not "-50-"), so a cache in front keeps one copy.
  if (!v || variantName(v) !== name) return { status: 404 };
  // Only checked names are ever cached, and a name always means the same bytes: a hit needs no
  // look-up in the store (with PostgreSQL, no query per image).
  const cached = await config.cache.get(variantName(v));
  if (cached) return { status: 200, body: cached, contentType: CONTENT_TYPE[v.format] };
  // A crop only at a focal point a visible story gives this photo, checked before the store is
  // asked: otherwise every typed-in point is a decode, an encode and a cache entry. The whole
  // frame has no focal point and at most 24 names per photo, so any stored photo has it (the
  // desk's preview of a photo not yet in a published story).
  const focus = v.crop ? namedFocuses(v.hash).find((f) => sameFocus(f, v.focus)) : undefined;
  if (v.crop && !focus) return { status: 404 };
  const photo = await config.store.describe(v.hash);
  if (!photo || !isListedVariant({ ...photo, focus }, v)) return { status: 404 };
  const body = await variantBytes(config, v, focus);
  return body ? { status: 200, body, contentType: CONTENT_TYPE[v.format] } : { status: 404 };
}

/** Checks a photo (lib/media/inspect.ts) and keeps its original. Throws PhotoRefusal; nothing is stored then. */
export async function ingestPhoto(config: MediaConfig, bytes: Uint8Array, limits?: MediaLimits): Promise<InspectedPhoto> {
  const photo = await inspectPhoto(bytes, limits);
  await config.store.putOriginal(photo, bytes);
  return photo;
}

/** Makes every derivative the pages will name, once, at publish: readers never wait for them. */
export async function prepareVariants(config: MediaConfig, hash: string, focus?: Focus): Promise<number> {
  const photo = await config.store.describe(hash);
  if (!photo) throw new Error(`photo ${hash} is not in the media store (${config.store.description})`);
  let made = 0;
  for (const v of listedVariants({ hash, width: photo.width, height: photo.height, focus })) {
    await variantBytes(config, v, focus);
    made += 1;
  }
  return made;
}
