import type { Metadata } from 'next';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskTranslations, requireDeskUser } from '@/app/desk/session';
import { previewUrl } from '@/lib/media/desk-upload';
import { mediaLimits } from '@/lib/media/limits';
import { mediaHashOf } from '@/lib/media/variants';
import '@/app/desk/stories/photo-field.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('photos.pageTitle') };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/**
 * Uploading a photo without JavaScript: a plain multipart form to /api/desk/photos, which answers
 * with a 303 back here carrying the photo's reference (or why it was refused), to paste into the
 * story form's image fields. With JavaScript the story form uploads in place (PhotoUpload.tsx).
 */
export default async function DeskPhotosPage({ searchParams }: PageProps<'/desk/photos'>) {
  const user = await requireDeskUser('draft.write');
  const t = await deskTranslations();
  const query = await searchParams;
  const [src, width, height, refused] = [first(query.src), Number(first(query.width)), Number(first(query.height)), first(query.refused).slice(0, 500)];
  const hash = mediaHashOf(src);
  return (
    <>
      <DeskHeader user={user} />
      <main id="main" className="desk-main">
        <h1>{t('photos.pageTitle')}</h1>
        {refused ? (
          <p className="desk-alert" role="alert">
            {refused}
          </p>
        ) : null}
        {hash && width > 0 && height > 0 ? (
          <section className="desk-note" role="status" aria-labelledby="photo-done">
            <h2 id="photo-done">{t('photos.storedTitle')}</h2>
            <p>{t('photos.storedIntro')}</p>
            <dl className="desk-theirs">
              <dt>{t('edit.fields.imageSrc')}</dt>
              <dd>
                <code>{src}</code>
              </dd>
              <dt>{t('edit.fields.imageWidth')}</dt>
              <dd>{width}</dd>
              <dt>{t('edit.fields.imageHeight')}</dt>
              <dd>{height}</dd>
            </dl>
            {/* eslint-disable-next-line @next/next/no-img-element -- a derivative from lib/media */}
            <img className="desk-photo-stored" src={previewUrl({ hash, width, height })} alt={t('photos.preview')} width={320} height={Math.round((320 * height) / width)} />
          </section>
        ) : null}
        <form method="post" action="/api/desk/photos" encType="multipart/form-data" className="desk-form">
          <label htmlFor="photo">{t('photos.choose')}</label>
          <p className="desk-hint" id="photo-hint">
            {t('photos.intro', { max: Math.round(mediaLimits().maxBytes / 1048576) })}
          </p>
          <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required aria-describedby="photo-hint" />
          <div className="desk-actions">
            <button type="submit">{t('photos.upload')}</button>
          </div>
        </form>
      </main>
    </>
  );
}
