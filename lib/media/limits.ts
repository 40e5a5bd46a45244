/**
 * The limits a photo must meet (issue 24), apart from the code that decodes photos: the HTTP
 * guard reads the size limit too, to let the upload route's body through and no other.
 */

/** Default limits: a camera original fits; a 40 MB file or a 30 000 × 30 000 image does not. */
export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 50_000_000;

export interface MediaLimits {
  maxBytes: number;
  maxPixels: number;
}

function positiveFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return Number(raw);
}

/** MEDIA_MAX_BYTES and MEDIA_MAX_PIXELS, or the defaults. */
export function mediaLimits(): MediaLimits {
  return { maxBytes: positiveFromEnv('MEDIA_MAX_BYTES', DEFAULT_MAX_BYTES), maxPixels: positiveFromEnv('MEDIA_MAX_PIXELS', DEFAULT_MAX_PIXELS) };
}
