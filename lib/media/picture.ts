import { cropWidth, frameWidths, mediaHashOf, roundFocus, THUMB_WIDTHS, variantHeight, variantName, wideCropWidths, type Crop, type DerivedFormat, type Focus, type PhotoRef } from '@/lib/media/variants';

/**
 * What a page needs to draw a stored photo (front matter `src: media:<hash>`): one srcset per
 * format for a <picture>, the JPEG fallback and its intrinsic size. Pure, so the article, the
 * lists, the feeds and the structured data name exactly the derivatives the media route makes.
 */

export const MEDIA_PATH = '/media';

export interface ImageFields {
  src: string;
  width: number;
  height: number;
  focus?: Focus;
}

export interface PictureSources {
  avif: string;
  webp: string;
  jpeg: string;
  /** The JPEG the <img> names (its src): the widest candidate up to `fallbackWidth`. */
  fallback: string;
  width: number;
  height: number;
}

/** The stored photo an image field names, or undefined for a public/ path or an absolute URL. */
export function photoRefOf(image: ImageFields | undefined): PhotoRef | undefined {
  const hash = image && mediaHashOf(image.src);
  return hash ? { hash, width: image.width, height: image.height, focus: image.focus } : undefined;
}

export const mediaUrl = (name: string) => `${MEDIA_PATH}/${name}`;

function sources(photo: PhotoRef, crop: Crop | undefined, widths: number[], fallbackWidth: number): PictureSources {
  const focus = roundFocus(photo.focus);
  const set = (format: DerivedFormat) => widths.map((width) => `${mediaUrl(variantName({ hash: photo.hash, crop, focus, width, format }))} ${width}w`).join(', ');
  const fallback = widths.filter((w) => w <= fallbackWidth).at(-1) ?? widths[0]!;
  return {
    avif: set('avif'),
    webp: set('webp'),
    jpeg: set('jpeg'),
    fallback: mediaUrl(variantName({ hash: photo.hash, crop, focus, width: fallback, format: 'jpeg' })),
    width: fallback,
    height: variantHeight(photo, crop, fallback),
  };
}

/** The whole frame at every width it has (a lead photo). */
export function framePicture(photo: PhotoRef): PictureSources {
  return sources(photo, undefined, frameWidths(photo), 1024);
}

/** The 16:9 crop around the focal point at every width it has (the home page's lead: a tall photo would fill the screen). */
export function widePicture(photo: PhotoRef): PictureSources {
  return sources(photo, '16x9', wideCropWidths(photo), 1024);
}

/** The 4:3 list thumbnail around the focal point. */
export function thumbnailPicture(photo: PhotoRef): PictureSources {
  return sources(photo, '4x3', [...new Set(THUMB_WIDTHS.map((w) => cropWidth(photo, '4x3', w)))], 320);
}

/** A JPEG crop at its structured-data / share width: URL and size. */
export function cropJpeg(photo: PhotoRef, crop: Crop): { url: string; width: number; height: number } {
  const width = cropWidth(photo, crop);
  return { url: mediaUrl(variantName({ hash: photo.hash, crop, focus: roundFocus(photo.focus), width, format: 'jpeg' })), width, height: variantHeight(photo, crop, width) };
}
