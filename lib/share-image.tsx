import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ImageResponse } from 'next/og';
import { SHARE_IMAGE_SIZE } from '@/lib/seo';

/**
 * Share images (Open Graph / Twitter cards), drawn with next/og from fonts shipped in an npm
 * package. Nothing is fetched from the network: text is reduced to glyphs the fonts have before
 * it reaches Satori, which would otherwise try to download emoji or missing glyphs.
 */

const fontDir = path.join(process.cwd(), 'node_modules/@fontsource/noto-sans/files');
let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;
function loadFonts() {
  fonts ??= [
    { name: 'Noto Sans', data: readFileSync(path.join(fontDir, 'noto-sans-latin-400-normal.woff')), weight: 400, style: 'normal' },
    { name: 'Noto Sans', data: readFileSync(path.join(fontDir, 'noto-sans-latin-700-normal.woff')), weight: 700, style: 'normal' },
    { name: 'Noto Sans', data: readFileSync(path.join(fontDir, 'noto-sans-latin-ext-700-normal.woff')), weight: 700, style: 'normal' },
    { name: 'Noto Sans', data: readFileSync(path.join(fontDir, 'noto-sans-latin-ext-400-normal.woff')), weight: 400, style: 'normal' },
  ];
  return fonts;
}

// What the latin and latin-ext subsets of Noto Sans cover (from @fontsource's unicode-range).
const COVERED =
  /[\u0020-\u007e\u00a0-\u024f\u0259\u02bb\u02bc\u02c6\u02da\u02dc\u0300-\u0304\u0308\u0329\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2113\u2122\u2191\u2193\u2212\u2215\u2c60-\u2c7f\ua720-\ua7ff]/u;

const SUBSTITUTES: Record<string, string> = { '\u2026': '…' };

/** Keeps only characters the fonts can draw; emoji and unsupported scripts are dropped, spacing tidied. */
export function toDrawableText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (SUBSTITUTES[char]) out += SUBSTITUTES[char];
    else if (/\s/u.test(char)) out += ' ';
    else if (COVERED.test(char)) out += char;
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
          fontFamily: 'Noto Sans',
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
    {
      ...SHARE_IMAGE_SIZE,
      fonts: loadFonts(),
      ...init,
      headers: { 'Cache-Control': 'public, max-age=31536000, immutable', ...(init.headers as Record<string, string> | undefined) },
    },
  );
}
