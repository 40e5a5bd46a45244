import { describe, expect, it } from 'vitest';
import { fitHeadline, MAX_HEADLINE_CHARS, toDrawableText } from '@/lib/share-image/card';
import { SHARE_IMAGE_SIZE } from '@/lib/share-image/size';
import { defaultLocale } from '@/i18n/languages';

describe('toDrawableText', () => {
  it('keeps Indonesian and English text, punctuation and dashes', () => {
    expect(toDrawableText('Tiongkok — “AI plus” rencana: 1.200 peserta!')).toBe('Tiongkok — “AI plus” rencana: 1.200 peserta!');
  });

  it('drops emoji and scripts the font lacks, so Satori never fetches a glyph', () => {
    expect(toDrawableText('Rencana 🚀 AI 🤖 中文 العربية ✅ selesai')).toBe('Rencana AI selesai');
    expect(toDrawableText('👨‍👩‍👧 keluarga')).toBe('keluarga');
  });

  it('keeps accented Latin letters', () => {
    expect(toDrawableText('Ünïcödé Ñandú Łódź')).toBe('Ünïcödé Ñandú Łódź');
  });
});

describe('fitHeadline', () => {
  it('uses large type for short headlines and smaller type for long ones', () => {
    const short = fitHeadline('Tiongkok Luncurkan Rencana AI');
    const long = fitHeadline('x '.repeat(70).trim());
    expect(short.fontSize).toBeGreaterThan(long.fontSize);
  });

  it('ends very long headlines in an ellipsis at a word boundary', () => {
    const words = Array.from({ length: 80 }, (_, i) => `kata${i}`).join(' ');
    const { text } = fitHeadline(words);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(MAX_HEADLINE_CHARS + 1);
    expect(words.startsWith(text.slice(0, -1))).toBe(true);
    expect(text.slice(0, -1)).toMatch(/kata\d+$/);
  });

  it('leaves headlines within the limit whole', () => {
    const headline = 'Tiongkok Luncurkan Rencana Kerja Sama AI Global untuk Menandingi Inisiatif AS';
    expect(fitHeadline(headline).text).toBe(headline);
  });
});

describe('renderShareImage', () => {
  it('draws a card with emoji and glyphs the font lacks without touching the network', async () => {
    const { renderShareImage } = await import('@/lib/share-image/card');
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    // A tripwire on the network, not a stand-in: the renderer loads its WebAssembly from data:
    // URLs (local), and Satori would ask for emoji and missing glyphs over the network.
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith('data:')) return realFetch(input, init);
      fetched.push(url);
      throw new Error('offline');
    }) as typeof fetch;
    try {
      const response = renderShareImage({ headline: 'Test card 🚀🤖 AI plan — 中文 and العربية ✅', kicker: 'World', siteName: 'Kabar Kini', lang: defaultLocale });
      const png = Buffer.from(await response.arrayBuffer());
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([SHARE_IMAGE_SIZE.width, SHARE_IMAGE_SIZE.height]);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(png.length).toBeGreaterThan(10_000);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched).toEqual([]);
  });
});
