/**
 * The derivatives a stored photo has, and their names (issue 24). Pure: the reader pages list
 * them, the media route parses a requested name back and checks it against the photo, and the
 * publish step makes them, all from these functions.
 *
 * A name is `<hash>-<w>.<fmt>` (the whole frame at width w) or `<hash>-<crop>-<fx>-<fy>-<w>.<fmt>`
 * (a crop to an aspect ratio around the focal point fx, fy in percent). The hash is the original's
 * content hash and everything else that shapes the pixels is in the name, so a name always means
 * the same bytes: it can be cached for a year as immutable.
 */

export const DERIVED_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type DerivedFormat = (typeof DERIVED_FORMATS)[number];
const EXTENSION: Record<DerivedFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };
export const CONTENT_TYPE: Record<DerivedFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

/** Widths of the whole frame, phone to wide desktop at DPR 2; never more than the original has. */
export const FRAME_WIDTHS = [320, 480, 640, 800, 1024, 1280, 1600, 2048] as const;

/** Crops, by the uses that need them: Google's three ratios for news structured data, the share card's 1.91:1. */
export const CROPS = { '16x9': 16 / 9, '4x3': 4 / 3, '1x1': 1, '191x100': 1.91 } as const;
export type Crop = keyof typeof CROPS;
/** Width of the structured-data crops (Google asks for at least 1200 px) and of the share card. */
export const CROP_WIDTH = 1200;
/** Widths of the list thumbnail (the 4:3 crop), 1x to 3x of its place in a list. */
export const THUMB_WIDTHS = [160, 320, 480] as const;

/** The focal point, 0..1 from the left and from the top; the centre when an editor set none. */
export interface Focus {
  x: number;
  y: number;
}
export const CENTRE: Focus = { x: 0.5, y: 0.5 };

/** What a stored photo is, as the front matter and the store know it. */
export interface PhotoRef {
  hash: string;
  /** Upright dimensions of the original. */
  width: number;
  height: number;
  focus?: Focus;
}

export type Variant = { hash: string; crop?: Crop; focus: Focus; width: number; format: DerivedFormat };

const HASH = /^[0-9a-f]{20}$/;
const percent = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 100);

/** The focal point as the names carry it (whole percents), so equal names mean equal crops. */
export function roundFocus(focus: Focus = CENTRE): Focus {
  return { x: percent(focus.x) / 100, y: percent(focus.y) / 100 };
}

/** Whether two focal points give the same crops (equal in the whole percents the names carry). */
export function sameFocus(a: Focus, b: Focus): boolean {
  return percent(a.x) === percent(b.x) && percent(a.y) === percent(b.y);
}

export function variantName(v: Variant): string {
  const crop = v.crop ? `-${v.crop}-${percent(v.focus.x)}-${percent(v.focus.y)}` : '';
  return `${v.hash}${crop}-${v.width}.${EXTENSION[v.format]}`;
}

const NAME = /^([0-9a-f]{20})(?:-(16x9|4x3|1x1|191x100)-(\d{1,3})-(\d{1,3}))?-(\d{2,4})\.(avif|webp|jpg)$/;

/** A requested file name read back; undefined for anything that is not a derivative's name. */
export function parseVariantName(name: string): Variant | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, hash, crop, fx, fy, width, ext] = m;
  if (crop && (Number(fx) > 100 || Number(fy) > 100)) return undefined;
  const format = (Object.keys(EXTENSION) as DerivedFormat[]).find((f) => EXTENSION[f] === ext)!;
  return { hash: hash!, crop: crop as Crop | undefined, focus: crop ? { x: Number(fx) / 100, y: Number(fy) / 100 } : CENTRE, width: Number(width), format };
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The largest rectangle of the ratio inside the photo, placed so the focal point is as near its
 * centre as the edges allow (so the focal point is always inside it).
 */
export function cropRect(width: number, height: number, ratio: number, focus: Focus = CENTRE): Rect {
  if (width / height > ratio) {
    const w = Math.min(width, Math.round(height * ratio));
    const left = Math.round(Math.min(width - w, Math.max(0, focus.x * width - w / 2)));
    return { left, top: 0, width: w, height };
  }
  const h = Math.min(height, Math.round(width / ratio));
  const top = Math.round(Math.min(height - h, Math.max(0, focus.y * height - h / 2)));
  return { left: 0, top, width, height: h };
}

/** The widest a variant of this crop can be without upscaling. */
export function maxWidth(photo: Pick<PhotoRef, 'width' | 'height'>, crop?: Crop): number {
  return crop ? cropRect(photo.width, photo.height, CROPS[crop]).width : photo.width;
}

/** Widths of the whole frame this photo has: the ladder up to its own width, and its own width if less than the top. */
export function frameWidths(photo: Pick<PhotoRef, 'width' | 'height'>): number[] {
  const widest = Math.min(photo.width, FRAME_WIDTHS.at(-1)!);
  const widths: number[] = FRAME_WIDTHS.filter((w) => w < widest);
  return [...widths, widest];
}

/** The width of a crop used at `wanted`: that, or the crop's own width when the photo is smaller. */
export function cropWidth(photo: Pick<PhotoRef, 'width' | 'height'>, crop: Crop, wanted: number = CROP_WIDTH): number {
  return Math.min(wanted, maxWidth(photo, crop));
}

/** Pixel height of a variant at its width. */
export function variantHeight(photo: Pick<PhotoRef, 'width' | 'height'>, crop: Crop | undefined, width: number): number {
  const source = crop ? cropRect(photo.width, photo.height, CROPS[crop]) : photo;
  return Math.max(1, Math.round((width * source.height) / source.width));
}

/** Widths of the 16:9 crop as a wide picture (the home page's lead): the frame's ladder, up to the crop's own width. */
export function wideCropWidths(photo: Pick<PhotoRef, 'width' | 'height'>): number[] {
  const widest = Math.min(maxWidth(photo, '16x9'), FRAME_WIDTHS.at(-1)!);
  return [...FRAME_WIDTHS.filter((w) => w < widest), widest];
}

/**
 * Whether the media route should make this variant of this photo: every name a page can list,
 * nothing else. A crop only at the photo's own focal point (the centre when it has none): any
 * other point would be a new encode per request for whoever types the numbers.
 */
export function isListedVariant(photo: PhotoRef, v: Variant): boolean {
  if (v.hash !== photo.hash) return false;
  if (!v.crop) return frameWidths(photo).includes(v.width);
  if (!sameFocus(roundFocus(photo.focus), v.focus)) return false;
  const allowed = new Set<number>([
    cropWidth(photo, v.crop),
    ...(v.crop === '4x3' ? THUMB_WIDTHS.map((w) => cropWidth(photo, '4x3', w)) : []),
    ...(v.crop === '16x9' ? wideCropWidths(photo) : []),
  ]);
  return allowed.has(v.width);
}

/** Every variant a page, a feed, a share card or the structured data may name, for making them at publish. */
export function listedVariants(photo: PhotoRef): Variant[] {
  const focus = roundFocus(photo.focus);
  const out: Variant[] = [];
  for (const format of DERIVED_FORMATS) {
    for (const width of frameWidths(photo)) out.push({ hash: photo.hash, focus: CENTRE, width, format });
    for (const width of new Set(THUMB_WIDTHS.map((w) => cropWidth(photo, '4x3', w)))) out.push({ hash: photo.hash, crop: '4x3', focus, width, format });
    for (const width of wideCropWidths(photo)) out.push({ hash: photo.hash, crop: '16x9', focus, width, format });
  }
  for (const crop of Object.keys(CROPS) as Crop[]) out.push({ hash: photo.hash, crop, focus, width: cropWidth(photo, crop), format: 'jpeg' });
  return dedupe(out);
}

function dedupe(variants: Variant[]): Variant[] {
  const seen = new Map<string, Variant>();
  for (const v of variants) seen.set(variantName(v), v);
  return [...seen.values()];
}

export function isPhotoHash(value: string): boolean {
  return HASH.test(value);
}

/** The front matter's reference to a stored photo: `media:<hash>`. */
export const MEDIA_SCHEME = 'media:';
export function mediaHashOf(src: string): string | undefined {
  if (!src.startsWith(MEDIA_SCHEME)) return undefined;
  const hash = src.slice(MEDIA_SCHEME.length);
  return isPhotoHash(hash) ? hash : undefined;
}
