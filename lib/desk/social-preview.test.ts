import { describe, expect, it } from 'vitest';
import { SEARCH_DESCRIPTION_CHARS, SEARCH_TITLE_CHARS, socialPreviewText, truncateForDisplay } from '@/lib/desk/social-preview';

// A real headline and summary of the site's content (content/id), long enough to be cut.
const story = {
  pageTitle: 'Bank Indonesia Pertahankan Suku Bunga Acuan di Tengah Ketidakpastian Global yang Meningkat | Kabar Kini',
  title: 'Bank Indonesia Pertahankan Suku Bunga Acuan di Tengah Ketidakpastian Global yang Meningkat',
  description:
    'Rapat Dewan Gubernur memutuskan suku bunga acuan tetap, dengan alasan menjaga stabilitas rupiah sementara bank sentral utama dunia belum memberi sinyal yang jelas tentang arah kebijakan mereka tahun depan.',
  url: 'https://kabarkini.example/id/berita/bank-indonesia-pertahankan-suku-bunga',
};

describe('truncateForDisplay', () => {
  it('leaves text that fits alone, spacing tidied', () => {
    expect(truncateForDisplay('  Banjir   di Jakarta ', 60)).toBe('Banjir di Jakarta');
  });

  it('cuts at a word boundary with an ellipsis, never past the limit', () => {
    const cut = truncateForDisplay(story.title, SEARCH_TITLE_CHARS);
    expect(cut).toBe('Bank Indonesia Pertahankan Suku Bunga Acuan di Tengah…');
    expect(cut.length).toBeLessThanOrEqual(SEARCH_TITLE_CHARS);
  });

  it('cuts inside a long word rather than leaving almost nothing, and counts an emoji as one character', () => {
    expect(truncateForDisplay('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
    expect(truncateForDisplay('🌧️🌧️🌧️🌧️🌧️🌧️', 4)).toBe('🌧️🌧️🌧️…');
  });

  it('keeps markup as the text it is (the page escapes it)', () => {
    expect(truncateForDisplay('<script>alert(1)</script>', 60)).toBe('<script>alert(1)</script>');
  });
});

describe('socialPreviewText', () => {
  const text = socialPreviewText(story);

  it('gives the search result a cut title, the address as a breadcrumb and a cut description', () => {
    expect(text.search.title).toBe('Bank Indonesia Pertahankan Suku Bunga Acuan di Tengah…');
    expect(text.search.breadcrumb).toBe('https://kabarkini.example › id › berita › bank-indonesia-pertahankan-suku-bunga');
    expect([...text.search.description].length).toBeLessThanOrEqual(SEARCH_DESCRIPTION_CHARS);
    expect(text.search.description.endsWith('…')).toBe(true);
  });

  it('shows the domain as each platform does', () => {
    expect(text.facebook.domain).toBe('KABARKINI.EXAMPLE');
    expect(text.x.domain).toBe('kabarkini.example');
    expect(text.whatsapp.domain).toBe('kabarkini.example');
  });

  it('shows a short headline whole everywhere', () => {
    const short = socialPreviewText({ ...story, pageTitle: 'Banjir | Kabar Kini', title: 'Banjir', description: 'Hujan deras.' });
    expect([short.search.title, short.facebook.title, short.x.title, short.whatsapp.title]).toEqual(['Banjir | Kabar Kini', 'Banjir', 'Banjir', 'Banjir']);
    expect(short.whatsapp.description).toBe('Hujan deras.');
  });

  it('decodes the path for the breadcrumb', () => {
    expect(socialPreviewText({ ...story, url: 'https://kabarkini.example/en/news/caf%C3%A9' }).search.breadcrumb).toBe('https://kabarkini.example › en › news › café');
  });
});
