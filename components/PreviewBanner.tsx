import { getTranslations } from 'next-intl/server';
import type { Article } from '@/lib/content/parse';
import { SHARE_IMAGE_SIZE } from '@/lib/share-image/size';
import { absoluteUrl } from '@/lib/site';
import { type Locale } from '@/i18n/languages';
import { articlePath } from '@/lib/urls';
import styles from './PreviewBanner.module.css';

interface PreviewBannerProps {
  /** The page's language (the banner's); the article may be in the other one when it is a fallback. */
  locale: Locale;
  article: Article;
  /** Where "Exit preview" leads: the public page if the story is published, else the home page. */
  exitTo: string;
  /** The preview's share image, as the route resolved it (lib/share-image/urls.ts). */
  shareImagePath: string;
}

/**
 * Shown in Draft Mode only: says the page is a preview, offers the way out (a form POST: works
 * without JavaScript and is never prefetched), and shows the link as social platforms will unfurl
 * it: share image, title, description and URL.
 */
export async function PreviewBanner({ locale, article, exitTo, shareImagePath }: PreviewBannerProps) {
  const t = await getTranslations({ locale, namespace: 'Preview' });
  const url = absoluteUrl(articlePath(article));
  return (
    <section className={styles.banner} aria-labelledby="preview-banner-title" data-preview-banner="">
      <div className="container">
        <div className={styles.bar}>
          <p id="preview-banner-title" className={styles.title}>
            {t('banner')}
          </p>
          <p className={styles.status}>{t('status', { status: t(article.status === 'draft' ? 'statusDraft' : 'statusPublished') })}</p>
          <form method="post" action="/api/preview/exit">
            <input type="hidden" name="return" value={exitTo} />
            <button type="submit" className="button">
              {t('exit')}
            </button>
          </form>
        </div>
        <figure className={styles.card}>
          <figcaption>{t('socialCard')}</figcaption>
          <div className={styles.unfurl}>
            {/* eslint-disable-next-line @next/next/no-img-element -- a generated PNG of known size, drawn per request */}
            <img src={shareImagePath} alt={t('shareImageAlt', { title: article.title })} {...SHARE_IMAGE_SIZE} />
            <p className={styles.host}>{new URL(url).host}</p>
            <p className={styles.cardTitle} lang={article.locale}>{article.title}</p>
            <p className={styles.cardDescription} lang={article.locale}>{article.summary}</p>
            <p className={styles.url}>{url}</p>
          </div>
        </figure>
      </div>
    </section>
  );
}
