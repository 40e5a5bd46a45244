import { deskTranslations } from '@/app/desk/session';
import { PhotoUpload, type PhotoUploadLabels } from '@/app/desk/stories/PhotoUpload';
import type { FieldErrors, StoryFields } from '@/lib/desk/story-form';
import { previewUrl } from '@/lib/media/desk-upload';
import { mediaLimits } from '@/lib/media/limits';
import { mediaHashOf } from '@/lib/media/variants';
import './photo-field.css';

/**
 * The story form's photo (issue 24): upload by drag and drop or the file picker, a preview, and
 * the focal point (a click on the preview, or two number fields the keyboard reaches). The
 * upload fills the form's image fields (imageSrc, imageWidth, imageHeight) and asks for the alt
 * text. Without JavaScript the focal point fields still work, and a link leads to /desk/photos,
 * a plain upload form that gives the reference to paste.
 */
export async function PhotoField({ fields, errors }: { fields: StoryFields; errors: FieldErrors }) {
  const t = await deskTranslations();
  const { maxBytes } = mediaLimits();
  const maxMb = Math.round(maxBytes / 1048576);
  const hash = mediaHashOf(fields.imageSrc);
  const [width, height] = [Number(fields.imageWidth), Number(fields.imageHeight)];
  const labels: PhotoUploadLabels = {
    legend: t('photos.legend'),
    intro: t('photos.intro', { max: maxMb }),
    choose: t('photos.choose'),
    drop: t('photos.drop'),
    uploading: t('photos.uploading'),
    uploaded: t('photos.uploaded', { width: '{width}', height: '{height}' }),
    failed: t('photos.failed'),
    tooLarge: t('photos.refused.too-large', { size: '{size}', limit: `${maxMb} MB` }),
    preview: t('photos.preview'),
    focusHint: t('photos.focusHint'),
    focusX: t('photos.focusX'),
    focusY: t('photos.focusY'),
    withoutScript: t('photos.withoutScript'),
  };
  const focusProblem = errors.imageFocusX || errors.imageFocusY ? t('photos.focusInvalid') : undefined;
  return (
    <PhotoUpload
      labels={labels}
      maxBytes={maxBytes}
      focusX={fields.imageFocusX}
      focusY={fields.imageFocusY}
      focusProblem={focusProblem}
      preview={hash && width > 0 && height > 0 ? previewUrl({ hash, width, height }) : undefined}
    />
  );
}
