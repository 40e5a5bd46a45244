import { ImageResponse } from 'next/og';
import { getTranslations } from 'next-intl/server';
import type { Article } from '@/lib/content/parse';
import { formatDateTime } from '@/lib/format';
import { cropJpeg, photoRefOf } from '@/lib/media/picture';
import { serveMedia } from '@/lib/media/serve';
import { roundFocus } from '@/lib/media/variants';
import { siteName } from '@/lib/site';
import { CARD_FONT_FAMILY, cardFonts, fontsCover } from '@/lib/share-image/fonts';
import { SHARE_IMAGE_SIZE } from '@/lib/share-image/size';

/**
 * Share images (Open Graph / X cards), drawn with next/og from fonts shipped in an npm package.
 * Nothing is fetched from the network: text is reduced to glyphs the fonts have before it reaches
 * Satori, which would otherwise try to download emoji or missing glyphs.
 */

const SUBSTITUTES: Record<string, string> = { '\u2026': '…' };

/** Keeps only characters the fonts can draw; emoji and unsupported scripts are dropped, spacing tidied. */
export function toDrawableText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (SUBSTITUTES[char]) out += SUBSTITUTES[char];
    else if (/\s/u.test(char)) out += ' ';
    else if (fontsCover(char)) out += char;
  }
  return out.replace(/\s+/g, ' ').trim();
}

export const MAX_HEADLINE_CHARS = 190;

/** Type size by length, so that a headline of any length fits; past the limit it ends in an ellipsis. */
export function fitHeadline(text: string): { text: string; fontSize: number } {
  let headline = text;
  if (headline.length > MAX_HEADLINE_CHARS) {
    const cut = headline.slice(0, MAX_HEADLINE_CHARS);
    const lastSpace = cut.lastIndexOf(' ');
    headline = `${(lastSpace > MAX_HEADLINE_CHARS * 0.7 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
  }
  const n = headline.length;
  const fontSize = n <= 40 ? 76 : n <= 70 ? 66 : n <= 100 ? 58 : n <= 140 ? 50 : 44;
  return { text: headline, fontSize };
}

export interface ShareCard {
  headline: string;
  kicker: string;
  dateLabel?: string;
  siteName: string;
  tagline?: string;
  lang: string;
}

/** Every card's size, fonts and caching: a card's URL names its version, so it never changes. */
function cardOptions(init: ResponseInit) {
  return {
    ...SHARE_IMAGE_SIZE,
    fonts: cardFonts(),
    ...init,
    headers: { 'Cache-Control': 'public, max-age=31536000, immutable', ...(init.headers as Record<string, string> | undefined) },
  };
}

/** A versioned card: immutable for a year unless `init.headers` says otherwise (a preview's). */
export function renderShareImage(card: ShareCard, init: ResponseInit = {}): ImageResponse {
  const { text, fontSize } = fitHeadline(toDrawableText(card.headline) || toDrawableText(card.siteName));
  const lineHeight = 1.18;
  const maxLines = Math.floor(360 / (fontSize * lineHeight));
  return new ImageResponse(
    (
      <div
        lang={card.lang}
        style={{
          width: '100%',
          height: '100%',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          padding: '56px 72px',
          background: '#ffffff',
          color: '#111111',
          fontFamily: CARD_FONT_FAMILY,
          borderTop: '16px solid #b3261e',
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', fontSize: 30, fontWeight: 700, color: '#b3261e', textTransform: 'uppercase', letterSpacing: 2 }}>
          {toDrawableText(card.kicker)}
        </div>
        <div
          style={{
            display: 'block',
            fontSize,
            fontWeight: 700,
            lineHeight,
            maxHeight: fontSize * lineHeight * maxLines,
            overflow: 'hidden',
            lineClamp: maxLines,
          }}
        >
          {text}
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', fontSize: 28, color: '#444444' }}>
          <span style={{ fontWeight: 700, fontSize: 36, color: '#111111' }}>{toDrawableText(card.siteName)}</span>
          <span>{toDrawableText(card.dateLabel ?? card.tagline ?? '')}</span>
        </div>
      </div>
    ),
    cardOptions(init),
  );
}

/**
 * An article's card, in the article's own language: what its opengraph-image route serves once it
 * is published, and what the preview route draws from the file as it is now.
 */
export async function renderArticleShareImage(article: Pick<Article, 'title' | 'section' | 'publishedAt' | 'locale'> & { image?: Article['image'] }, init?: ResponseInit): Promise<ImageResponse> {
  const t = await getTranslations({ locale: article.locale, namespace: 'Sections' });
  const card = {
    headline: article.title,
    kicker: t(article.section),
    dateLabel: formatDateTime(article.publishedAt, article.locale),
    siteName,
    lang: article.locale,
  };
  const photo = await sharePhoto(article.image);
  return photo ? renderPhotoShareImage(card, photo, init) : renderShareImage(card, init);
}

/** The photo's 1.91:1 crop around its focal point, as a data URL for Satori; undefined without a stored photo. */
async function sharePhoto(image: Article['image']): Promise<string | undefined> {
  const photo = photoRefOf(image);
  if (!photo) return undefined;
  const { liveMedia } = await import('@/lib/media/live');
  // The crop of the story being drawn (a preview's too): its own focal point, not the published list.
  const answer = await serveMedia(liveMedia(), cropJpeg(photo, '191x100').url.split('/').at(-1)!, (hash) => (hash === photo.hash ? [roundFocus(photo.focus)] : []));
  return answer.status === 200 ? `data:image/jpeg;base64,${answer.body.toString('base64')}` : undefined;
}

/**
 * The card drawn on the photo: the photo fills it, a dark band rises from the bottom under the
 * headline (white, large: readable at WhatsApp's thumbnail size), the site's mark in its red box.
 */
function renderPhotoShareImage(card: ShareCard, photo: string, init: ResponseInit = {}): ImageResponse {
  const { text, fontSize: fitted } = fitHeadline(toDrawableText(card.headline) || toDrawableText(card.siteName));
  const fontSize = Math.min(fitted, 64);
  const lineHeight = 1.15;
  const maxLines = Math.max(2, Math.floor(260 / (fontSize * lineHeight)));
  return new ImageResponse(
    (
      <div lang={card.lang} style={{ width: '100%', height: '100%', display: 'flex', position: 'relative', fontFamily: CARD_FONT_FAMILY, background: '#111111' }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- Satori draws <img>, not next/image */}
        <img src={photo} alt="" width={SHARE_IMAGE_SIZE.width} height={SHARE_IMAGE_SIZE.height} style={{ position: 'absolute', top: 0, left: 0, objectFit: 'cover' }} />
        <div
          style={{
            position: 'absolute',
            left: 0,
            right: 0,
            bottom: 0,
            height: 420,
            display: 'flex',
            flexDirection: 'column',
            justifyContent: 'flex-end',
            padding: '0 64px 48px',
            backgroundImage: 'linear-gradient(to bottom, rgba(0,0,0,0), rgba(0,0,0,0.82) 45%, rgba(0,0,0,0.9))',
          }}
        >
          <div style={{ display: 'block', color: '#ffffff', fontSize, fontWeight: 700, lineHeight, maxHeight: fontSize * lineHeight * maxLines, overflow: 'hidden', lineClamp: maxLines }}>{text}</div>
        </div>
        <div style={{ position: 'absolute', top: 40, left: 64, display: 'flex', padding: '10px 22px', background: '#b3261e', color: '#ffffff', fontSize: 34, fontWeight: 700 }}>
          {toDrawableText(card.siteName)}
        </div>
      </div>
    ),
    cardOptions(init),
  );
}
