import { deskTranslations } from '@/app/desk/session';
import type { Article } from '@/lib/content/parse';
import { socialPreviewText } from '@/lib/desk/social-preview';
import { shareImagePath } from '@/lib/share-image/urls';
import { SHARE_IMAGE_SIZE } from '@/lib/share-image/size';
import { absoluteUrl, siteName } from '@/lib/site';
import { articlePath } from '@/lib/urls';

/**
 * The story as it unfurls: the real share card (the public one for a published story, else the
 * desk's own drawing of the stored draft, for signed-in accounts only) cropped as Facebook (1.91:1),
 * X's large card (2:1) and WhatsApp (a square thumbnail) show it, with the text each shows, and the
 * Google result (title, address, description, cut where Google cuts them). Server-rendered.
 */
export async function SocialPreview({ article, file, version, isPublic }: { article: Article; file: string; version: string; isPublic: boolean }) {
  const t = await deskTranslations();
  const image = isPublic ? shareImagePath(article) : `/api/desk/share-image?${new URLSearchParams({ file, v: version })}`;
  const text = socialPreviewText({ pageTitle: `${article.title} | ${siteName}`, title: article.title, description: article.summary, url: absoluteUrl(articlePath(article)) });
  const img = (platform: string) => (
    // eslint-disable-next-line @next/next/no-img-element -- a generated PNG of known size (decision 006's banner shows it the same way)
    <img src={image} alt={t('preview.social.imageAlt', { platform })} width={SHARE_IMAGE_SIZE.width} height={SHARE_IMAGE_SIZE.height} loading="lazy" decoding="async" data-share-card="" />
  );
  return (
    <details className="desk-preview-part desk-social" open>
      <summary>
        <h2>{t('preview.social.title')}</h2>
      </summary>
      <p className="desk-hint">{t('preview.social.intro')}</p>
      <h3>{t('preview.social.facebook')}</h3>
      <div className="desk-card desk-card-facebook">
        <div className="desk-card-crop">{img(t('preview.social.facebook'))}</div>
        <div className="desk-card-text">
          <span className="desk-card-domain">{text.facebook.domain}</span>
          <strong>{text.facebook.title}</strong>
          <span>{text.facebook.description}</span>
        </div>
      </div>
      <h3>{t('preview.social.x')}</h3>
      <div className="desk-card desk-card-x">
        <div className="desk-card-crop">
          {img(t('preview.social.x'))}
          <span className="desk-card-overlay">{text.x.title}</span>
        </div>
        <span className="desk-card-domain">{t('preview.social.from', { domain: text.x.domain })}</span>
      </div>
      <h3>{t('preview.social.whatsapp')}</h3>
      <div className="desk-card desk-card-whatsapp">
        <div className="desk-card-crop">{img(t('preview.social.whatsapp'))}</div>
        <div className="desk-card-text">
          <strong>{text.whatsapp.title}</strong>
          <span>{text.whatsapp.description}</span>
          <span className="desk-card-domain">{text.whatsapp.domain}</span>
        </div>
      </div>
      <h3>{t('preview.social.search')}</h3>
      <div className="desk-card desk-search">
        <span className="desk-search-site">{siteName}</span>
        <span className="desk-search-url">{text.search.breadcrumb}</span>
        <span className="desk-search-title">{text.search.title}</span>
        <span className="desk-search-description">{text.search.description}</span>
      </div>
    </details>
  );
}
