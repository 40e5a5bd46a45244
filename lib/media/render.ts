import sharp from 'sharp';
import { decodeOptions } from '@/lib/media/inspect';
import type { MediaLimits } from '@/lib/media/limits';
import { CROPS, cropRect, variantHeight, type PhotoRef, type Variant } from '@/lib/media/variants';

/**
 * Makes one derivative from the original. The orientation is applied first (`rotate()` reads the
 * EXIF flag), then the crop and the resize, and nothing of the original's metadata is written:
 * sharp drops EXIF, GPS, XMP and IPTC unless asked to keep them (`withMetadata`, never called
 * here), because a photo's location can expose a source. Never upscales.
 */
export async function renderVariant(original: Uint8Array, photo: PhotoRef, v: Variant, limits?: MediaLimits): Promise<Buffer> {
  let image = sharp(original, decodeOptions(limits)).rotate();
  if (v.crop) image = image.extract(cropRect(photo.width, photo.height, CROPS[v.crop], v.focus));
  image = image.resize({ width: v.width, height: variantHeight(photo, v.crop, v.width), fit: 'fill', withoutEnlargement: true });
  // sRGB without a profile: browsers assume sRGB, and an embedded profile would carry the camera's name.
  image = image.toColourspace('srgb');
  switch (v.format) {
    case 'avif':
      // effort 2: made once per photo, but on the publishing machine while an editor waits.
      return image.avif({ quality: 50, effort: 2 }).toBuffer();
    case 'webp':
      return image.webp({ quality: 72, effort: 3 }).toBuffer();
    case 'jpeg':
      return image.jpeg({ quality: 78, progressive: true, mozjpeg: true }).toBuffer();
  }
}
