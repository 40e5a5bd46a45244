import { describe, expect, it } from 'vitest';
import { cardFonts, fontsCover, fontsourceFile } from '@/lib/share-image/fonts';

describe('fontsourceFile', () => {
  it('reads a .woff from the installed @fontsource package', () => {
    expect(fontsourceFile('noto-sans', 'noto-sans-latin-700-normal.woff').subarray(0, 4).toString('latin1')).toBe('wOFF');
  });

  it('refuses .woff2, which Satori cannot read, and names the file', () => {
    expect(() => fontsourceFile('noto-sans', 'noto-sans-latin-700-normal.woff2')).toThrow(/noto-sans-latin-700-normal\.woff2.*\.woff, \.ttf, \.otf/);
  });
});

describe('cardFonts', () => {
  it('gives regular and bold faces of one family, each a font Satori can read, read once', () => {
    const fonts = cardFonts();
    expect(new Set(fonts.map((f) => f.name)).size).toBe(1);
    expect([...new Set(fonts.map((f) => f.weight))].sort()).toEqual([400, 700]);
    for (const font of fonts) expect(font.data.subarray(0, 4).toString('latin1')).toBe('wOFF');
    expect(cardFonts()).toBe(fonts);
  });
});

describe('fontsCover', () => {
  it('covers Latin letters with diacritics and typographic punctuation', () => {
    for (const char of ['a', 'Ł', 'ệ', '—', '“', '€']) expect(fontsCover(char), char).toBe(true);
  });

  it('does not cover emoji or scripts outside latin and latin-ext', () => {
    for (const char of ['🚀', '中', 'ع', 'Ж']) expect(fontsCover(char), char).toBe(false);
  });
});
