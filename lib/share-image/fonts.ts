import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The fonts of the share card and the logo, read from @fontsource npm packages (never fetched).
 * Satori, which next/og draws with, reads .woff, .ttf and .otf but not .woff2. The page's own web
 * font is declared in app/[locale]/fonts.ts instead: next/font needs its path written out as a literal.
 */

export const CARD_FONT_FAMILY = 'Noto Sans';

export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

const SATORI_FORMATS = ['.woff', '.ttf', '.otf'];

/** A font file of an installed @fontsource package, e.g. ('noto-sans', 'noto-sans-latin-700-normal.woff'). */
export function fontsourceFile(pkg: string, file: string): Buffer {
  if (!SATORI_FORMATS.includes(path.extname(file))) {
    throw new Error(`${file}: the share card's renderer (Satori) reads ${SATORI_FORMATS.join(', ')} files only; use the .woff of @fontsource/${pkg}`);
  }
  // From the project root rather than the bundle's location: the server bundle has no node_modules
  // beside it, and next build and next start both run from the root.
  return readFileSync(path.join(process.cwd(), 'node_modules/@fontsource', pkg, 'files', file));
}

let fonts: CardFont[] | undefined;

/** Noto Sans regular and bold, latin and latin-ext subsets: read once per process. */
export function cardFonts(): CardFont[] {
  fonts ??= (['latin', 'latin-ext'] as const).flatMap((subset) =>
    ([400, 700] as const).map((weight) => ({
      name: CARD_FONT_FAMILY,
      data: fontsourceFile('noto-sans', `noto-sans-${subset}-${weight}-normal.woff`),
      weight,
      style: 'normal' as const,
    })),
  );
  return fonts;
}

// What the latin and latin-ext subsets of Noto Sans cover (from @fontsource's unicode-range).
const COVERED =
  /[\u0020-\u007e\u00a0-\u024f\u0259\u02bb\u02bc\u02c6\u02da\u02dc\u0300-\u0304\u0308\u0329\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2113\u2122\u2191\u2193\u2212\u2215\u2c60-\u2c7f\ua720-\ua7ff]/u;

/**
 * Whether cardFonts() has a glyph for a character. Satori asks the network for any glyph its fonts
 * lack (emoji, other scripts): text is reduced to covered characters before it reaches Satori.
 */
export function fontsCover(char: string): boolean {
  return COVERED.test(char);
}
