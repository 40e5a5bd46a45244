import { getTranslations } from 'next-intl/server';
import type { Article } from '@/lib/content/parse';
import { SHARE_IMAGE_SIZE } from '@/lib/share-image/size';
import { absoluteUrl } from '@/lib/site';
import { type Locale } from '@/i18n/languages';
import { articlePath } from '@/lib/urls';

/**
 * The banner's styles, sent with the banner: a CSS module imported here would be inlined (and
 * repeated in the RSC payload) on every article, though only Draft Mode renders the banner.
 * The custom properties are the site's (app/[locale]/globals.css), so both colour schemes apply.
 */
const bannerCss = `
.preview-banner{border-top:6px solid var(--accent);border-bottom:1px solid var(--rule);background:var(--surface);padding:0.75rem 0 1rem}
.preview-bar{display:flex;flex-wrap:wrap;align-items:center;gap:0.5rem 1rem}
.preview-title{margin:0;font-weight:700;font-size:1.125rem;color:var(--accent)}
.preview-status{margin:0;color:var(--muted)}
.preview-bar form{margin-left:auto}
.preview-card{margin:1rem 0 0;max-width:32rem}
.preview-card figcaption{font-weight:700;margin-bottom:0.5rem}
.preview-unfurl{border:1px solid var(--rule);border-radius:8px;overflow:hidden;background:var(--bg)}
.preview-unfurl img{display:block;width:100%;height:auto;aspect-ratio:1200 / 630}
.preview-unfurl p{margin:0;padding:0 0.75rem}
.preview-host{padding-top:0.5rem !important;color:var(--muted);font-size:0.8125rem;text-transform:uppercase}
.preview-card-title{font-weight:700;line-height:1.3}
.preview-card-description{color:var(--muted);font-size:0.9375rem;line-height:1.4;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.preview-url{padding-bottom:0.5rem !important;color:var(--muted);font-size:0.8125rem;word-break:break-all}
`;

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
    <>
      {/* React hoists this into the head; only a Draft Mode page carries it (decision 013). */}
      <style href="preview-banner" precedence="default">
        {bannerCss}
      </style>
      <section className="preview-banner" aria-labelledby="preview-banner-title" data-preview-banner="">
        <div className="container">
          <div className="preview-bar">
            <p id="preview-banner-title" className="preview-title">
              {t('banner')}
            </p>
            <p className="preview-status">{t('status', { status: t(article.status === 'draft' ? 'statusDraft' : 'statusPublished') })}</p>
            <form method="post" action="/api/preview/exit">
              <input type="hidden" name="return" value={exitTo} />
              <button type="submit" className="button">
                {t('exit')}
              </button>
            </form>
          </div>
          <figure className="preview-card">
            <figcaption>{t('socialCard')}</figcaption>
            <div className="preview-unfurl">
              {/* eslint-disable-next-line @next/next/no-img-element -- a generated PNG of known size, drawn per request */}
              <img src={shareImagePath} alt={t('shareImageAlt', { title: article.title })} {...SHARE_IMAGE_SIZE} />
              <p className="preview-host">{new URL(url).host}</p>
              <p className="preview-card-title" lang={article.locale}>{article.title}</p>
              <p className="preview-card-description" lang={article.locale}>{article.summary}</p>
              <p className="preview-url">{url}</p>
            </div>
          </figure>
        </div>
      </section>
    </>
  );
}
