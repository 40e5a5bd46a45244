import type { InspectedPhoto } from '@/lib/media/inspect';
import { mediaUrl } from '@/lib/media/picture';
import { frameWidths, MEDIA_SCHEME, variantName } from '@/lib/media/variants';

/** What the desk's story form gets back for an uploaded photo: its reference, size, and a preview to draw. */
export interface DeskPhotoAnswer {
  src: string;
  width: number;
  height: number;
  preview: string;
}

export function deskPhotoAnswer(photo: Pick<InspectedPhoto, 'hash' | 'width' | 'height'>): DeskPhotoAnswer {
  return { src: `${MEDIA_SCHEME}${photo.hash}`, width: photo.width, height: photo.height, preview: previewUrl(photo) };
}

/** A JPEG of the whole frame about 640 px wide (an editor's preview), or undefined for an image not in the media store. */
export function previewUrl(photo: Pick<InspectedPhoto, 'hash' | 'width' | 'height'>): string {
  const width = frameWidths(photo).filter((w) => w <= 640).at(-1) ?? frameWidths(photo)[0]!;
  return mediaUrl(variantName({ hash: photo.hash, focus: { x: 0.5, y: 0.5 }, width, format: 'jpeg' }));
}
