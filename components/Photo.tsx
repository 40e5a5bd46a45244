import type { Article } from '@/lib/content/parse';
import { framePicture, photoRefOf, thumbnailPicture, widePicture, type PictureSources } from '@/lib/media/picture';

type Image = NonNullable<Article['image']>;

interface PictureProps {
  sources: PictureSources;
  sizes: string;
  alt: string;
  /** The largest paint of the page: fetched first, never lazy. */
  lead?: boolean;
}

/** AVIF, then WebP, then the JPEG <img> with its intrinsic size, so the box is reserved before a byte arrives. */
function Picture({ sources, sizes, alt, lead = false }: PictureProps) {
  return (
    <picture>
      <source type="image/avif" srcSet={sources.avif} sizes={sizes} />
      <source type="image/webp" srcSet={sources.webp} sizes={sizes} />
      <img
        src={sources.fallback}
        srcSet={sources.jpeg}
        sizes={sizes}
        alt={alt}
        width={sources.width}
        height={sources.height}
        decoding="async"
        {...(lead ? { fetchPriority: 'high' as const } : { loading: 'lazy' as const })}
      />
    </picture>
  );
}

/** A story's photo at the width it is shown: a stored photo as a <picture> (`wide`: its 16:9 crop), else the image as the editor named it. */
export function StoryPhoto({ image, sizes, alt = image.alt, lead = false, wide = false }: { image: Image; sizes: string; alt?: string; lead?: boolean; wide?: boolean }) {
  const photo = photoRefOf(image);
  if (photo) return <Picture sources={wide ? widePicture(photo) : framePicture(photo)} sizes={sizes} alt={alt} lead={lead} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- editors give width and height, so there is no layout shift
    <img src={image.src} alt={alt} width={image.width} height={image.height} {...(lead ? { fetchPriority: 'high' as const } : { loading: 'lazy' as const })} />
  );
}

/** The 4:3 thumbnail of a list item (stored photos only: a photo without crops would be the whole frame squeezed). */
export function StoryThumbnail({ image, eager = false }: { image: Image; eager?: boolean }) {
  const photo = photoRefOf(image);
  if (!photo) return null;
  return <Picture sources={thumbnailPicture(photo)} sizes="(min-width: 40rem) 10rem, 6.5rem" alt="" lead={eager} />;
}
