import { deskLocale, deskTranslations } from '@/app/desk/session';
import { PreviewLinkCopy } from '@/app/desk/stories/PreviewLinkCopy';
import { SocialPreview } from '@/app/desk/stories/SocialPreview';
import { parseArticle, type Article } from '@/lib/content/parse';
import { storedSource } from '@/lib/desk/content-writer';
import type { StoryState } from '@/lib/desk/stories';
import { sourceHash } from '@/lib/desk/story-form';
import { previewSecret } from '@/lib/preview/secret';
import { DEFAULT_TTL_SECONDS, previewLink } from '@/lib/preview/token.mjs';
import { siteUrl } from '@/lib/site';
import { language } from '@/i18n/languages';
import './preview.css';

/** The widths the reader page is shown at, and the height of the window onto it. */
const FRAMES = [
  { key: 'phone', width: 390, height: 760 },
  { key: 'desktop', width: 1280, height: 800 },
] as const;

/**
 * The link's expiry: a day from now, rounded up to a whole hour, so that the link (and so the
 * iframes' address) stays the same from one render to the next until the story changes, and a
 * refresh reloads the frames only after a save.
 */
function linkExpiry(now = Date.now()): number {
  return Math.ceil((now / 1000 + DEFAULT_TTL_SECONDS) / 3600) * 3600;
}

/**
 * Beside the story form of a saved story: the real reader page in Draft Mode at a phone's and a
 * desktop's width (the signed preview link of decisions 006 and 012, opened in iframes the preview
 * responses allow the site to frame), the share card as platforms crop it with the search result,
 * and the preview link to send. Server-rendered; the iframes' address carries the stored version,
 * so each save (a reload after the form's 303, or the autosave's refresh) loads them again.
 */
export async function StoryPreview({ file, state }: { file: string; state?: StoryState }) {
  const t = await deskTranslations();
  const source = await storedSource(file);
  if (source === undefined) return null;
  let article: Article;
  try {
    article = parseArticle(file, source);
  } catch (error) {
    return (
      <section className="desk-preview" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('preview.title')}</h2>
        <p className="desk-alert">{t('preview.unavailable', { message: (error as Error).message })}</p>
      </section>
    );
  }
  const version = sourceHash(source).slice(0, 12);
  const secret = previewSecret();
  const expiresAt = linkExpiry();
  const link = secret ? previewLink({ translationId: article.translationId, locale: article.locale, expiresAt }, secret, siteUrl()) : undefined;
  // The frames open the link on the desk's own host (the same origin as this page, whatever SITE_URL says).
  const frameSrc = link ? `${new URL(link).pathname}${new URL(link).search}&v=${version}` : undefined;
  const { intlLocale, timeZone } = language(deskLocale);
  const until = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(expiresAt * 1000));
  return (
    <section className="desk-preview" aria-labelledby="preview-title">
      <details className="desk-preview-part" open>
        <summary>
          <h2 id="preview-title">{t('preview.title')}</h2>
        </summary>
        {frameSrc ? (
          <>
            <p className="desk-hint">{t('preview.intro')}</p>
            <div className="desk-preview-frames">
              {/* One width at a time (an exclusive accordion): two copies of the reader page side by
                  side would be two pages' landmarks in one, which screen readers list twice. */}
              {FRAMES.map(({ key, width, height }) => (
                <details key={key} name="desk-preview-width" className="desk-preview-width" open={key === 'phone'}>
                  <summary>{t(`preview.${key}`)}</summary>
                  <div className={`desk-preview-frame desk-preview-${key}`}>
                    <div className="desk-preview-window">
                      <iframe src={frameSrc} title={t(`preview.${key}Frame`)} width={width} height={height} loading="lazy" data-desk-preview={key} />
                    </div>
                  </div>
                </details>
              ))}
            </div>
          </>
        ) : (
          <p className="desk-hint">{t('preview.off')}</p>
        )}
      </details>
      <SocialPreview article={article} file={file} version={version} isPublic={state === 'published'} />
      {link ? (
        <section className="desk-preview-part desk-preview-link" aria-labelledby="preview-link-title">
          <h2 id="preview-link-title">{t('preview.link.title')}</h2>
          <label htmlFor="preview-link">{t('preview.link.label')}</label>
          <input id="preview-link" type="url" readOnly value={link} aria-describedby="preview-link-expiry" />
          <PreviewLinkCopy inputId="preview-link" text={{ copy: t('preview.link.copy'), copied: t('preview.link.copied'), failed: t('preview.link.copyFailed') }} />
          <p className="desk-hint" id="preview-link-expiry">
            {t('preview.link.expires', { time: until })}
          </p>
        </section>
      ) : null}
    </section>
  );
}
