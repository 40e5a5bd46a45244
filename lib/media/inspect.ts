import { createHash } from 'node:crypto';
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { mediaLimits, type MediaLimits } from '@/lib/media/limits';

/**
 * The checks an uploaded photo passes before anything is decoded or stored (issue 24): its size,
 * its format by its first bytes (never by its name or declared type), and its pixel count read
 * from the header alone, so a decompression bomb is refused before a single pixel is decoded.
 * Only then is it decoded once, to refuse a corrupt file before it reaches the store.
 */

export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type PhotoFormat = (typeof ACCEPTED_FORMATS)[number];

export type RefusalReason = 'too-large' | 'not-an-image' | 'too-many-pixels' | 'corrupt' | 'empty';

/** A photo refused by the checks: nothing was stored. `message` says what is wrong and what to do. */
export class PhotoRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** The figures in the message, for a translation of it (the desk's). */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'PhotoRefusal';
  }
}

/** A photo that passed every check: what the store keeps beside the original's bytes. */
export interface InspectedPhoto {
  /** Content hash of the original: names it and every derivative. */
  hash: string;
  format: PhotoFormat;
  /** Dimensions the right way up (after the EXIF orientation is applied). */
  width: number;
  height: number;
  bytes: number;
}

const MB = 1024 * 1024;
const formatList = 'JPEG, PNG, WebP or AVIF';
const megabytes = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;

/** The format by the file's first bytes; undefined for anything else (a text file named .jpg, GIF, HEIC, SVG). */
export function sniffFormat(bytes: Uint8Array): PhotoFormat | undefined {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  const ascii = (i: number, text: string) => at(i, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  // ISO-BMFF: a "ftyp" box whose major or compatible brands say AVIF (HEIC shares the container).
  if (ascii(4, 'ftyp')) {
    const boxSize = Math.min(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, bytes.length, 256);
    for (let i = 8; i + 4 <= boxSize; i += 4) if (ascii(i, 'avif') || ascii(i, 'avis')) return 'avif';
  }
  return undefined;
}

/** Options every decode of a stored or uploaded photo uses: the pixel limit, and a corrupt file fails. */
export function decodeOptions(limits: MediaLimits = mediaLimits()): SharpOptions {
  return { limitInputPixels: limits.maxPixels, failOn: 'error', sequentialRead: true };
}

export function photoHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 20);
}

/** Runs every check in order; throws PhotoRefusal naming the problem. Stores nothing. */
export async function inspectPhoto(bytes: Uint8Array, limits: MediaLimits = mediaLimits()): Promise<InspectedPhoto> {
  if (bytes.length === 0) throw new PhotoRefusal('empty', 'The file is empty. Choose a JPEG, PNG, WebP or AVIF photo.');
  if (bytes.length > limits.maxBytes) {
    throw new PhotoRefusal('too-large', `The file is ${megabytes(bytes.length)}; photos may be at most ${megabytes(limits.maxBytes)}. Export a smaller JPEG (about 4000 px wide is plenty).`, {
      size: megabytes(bytes.length),
      limit: megabytes(limits.maxBytes),
    });
  }
  const format = sniffFormat(bytes);
  if (!format) throw new PhotoRefusal('not-an-image', `The file is not a ${formatList} image (its contents say otherwise, whatever its name). Accepted formats: JPEG, PNG, WebP, AVIF.`);
  let meta: Metadata;
  try {
    // Reads the header only: no pixel is decoded here.
    meta = await sharp(bytes, { ...decodeOptions(limits), limitInputPixels: false }).metadata();
  } catch (error) {
    throw new PhotoRefusal('corrupt', `The ${format.toUpperCase()} file is damaged and cannot be read (${(error as Error).message}). Export it again from the original.`, { format: format.toUpperCase() });
  }
  if (!meta.width || !meta.height) throw new PhotoRefusal('corrupt', `The ${format.toUpperCase()} file has no readable dimensions. Export it again from the original.`, { format: format.toUpperCase() });
  if (meta.width * meta.height > limits.maxPixels) {
    throw new PhotoRefusal(
      'too-many-pixels',
      `The image is ${meta.width} × ${meta.height} pixels (${Math.round((meta.width * meta.height) / 1e6)} megapixels); at most ${Math.round(limits.maxPixels / 1e6)} megapixels are accepted. Resize it before uploading.`,
      { width: meta.width, height: meta.height, megapixels: Math.round((meta.width * meta.height) / 1e6), limit: Math.round(limits.maxPixels / 1e6) },
    );
  }
  try {
    // One full decode: a truncated or damaged file is refused now, not when a reader asks for it.
    await sharp(bytes, decodeOptions(limits)).rotate().resize(32).raw().toBuffer();
  } catch (error) {
    throw new PhotoRefusal('corrupt', `The ${format.toUpperCase()} file is damaged and cannot be decoded (${(error as Error).message}). Export it again from the original.`, { format: format.toUpperCase() });
  }
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
  return { hash: photoHash(bytes), format, width: upright.width, height: upright.height, bytes: bytes.length };
}
