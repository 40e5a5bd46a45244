import localFont from 'next/font/local';

// One web font: Noto Serif Bold, latin subset (15 KB, self-hosted from npm @fontsource), for
// headlines and the site's name only. Body and interface text use the reader's system fonts, so
// nothing else is downloaded. Not preloaded: the largest text a phone paints first (an article's
// lead, a home page's summary) is in the system font, so a preload would only take bandwidth from
// what the first paint needs. `swap`, with metric-matched fallbacks in globals.css: `optional`
// measured slightly less blocking time but a layout shift of 0.001 in some runs
// (docs/decisions/013-slow-phone-performance.md). Paths are relative to this file.
//
// No fallback is generated here: globals.css declares fallbacks with metric overrides for the
// serif fonts a phone or desktop already has, so the swap to Noto Serif moves no line.
export const headline = localFont({
  src: [{ path: '../../node_modules/@fontsource/noto-serif/files/noto-serif-latin-700-normal.woff2', weight: '700', style: 'normal' }],
  display: 'swap',
  preload: false,
  variable: '--font-headline',
  adjustFontFallback: false,
});
