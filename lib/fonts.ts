import localFont from 'next/font/local';

// Self-hosted from npm (@fontsource), latin subset only: Indonesian and English need nothing else.
// Paths are relative to this file.
export const sans = localFont({
  src: [
    { path: '../node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../node_modules/@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  display: 'swap',
  preload: true,
  variable: '--font-sans',
  fallback: ['system-ui', 'Segoe UI', 'Roboto', 'Arial', 'sans-serif'],
  adjustFontFallback: 'Arial',
});

export const serif = localFont({
  src: [{ path: '../node_modules/@fontsource/noto-serif/files/noto-serif-latin-700-normal.woff2', weight: '700', style: 'normal' }],
  display: 'swap',
  preload: true,
  variable: '--font-serif',
  fallback: ['Georgia', 'Times New Roman', 'serif'],
  adjustFontFallback: 'Times New Roman',
});
