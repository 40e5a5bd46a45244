import { describe, expect, it } from 'vitest';
import { searchDocument, splitCompounds } from '@/lib/search/document';

describe('splitCompounds', () => {
  it('writes Indonesian compounds open, affixes and all, so every spelling stems alike', () => {
    expect(splitCompounds('Kerjasama kedua negara', 'id')).toBe('Kerja sama kedua negara');
    expect(splitCompounds('mereka bekerjasama', 'id')).toBe('mereka bekerja sama');
    expect(splitCompounds('kerja sama itu', 'id')).toBe('kerja sama itu');
    expect(splitCompounds('kerjasamanya', 'id')).toBe('kerja samanya');
    expect(splitCompounds('bertanggungjawab penuh', 'id')).toBe('bertanggung jawab penuh');
  });

  it('leaves words that only contain a part alone, and English as it is', () => {
    expect(splitCompounds('pekerja dan sama', 'id')).toBe('pekerja dan sama');
    expect(splitCompounds('kerjasama', 'en')).toBe('kerjasama');
  });
});

describe('searchDocument', () => {
  it('uses the language file’s configuration and indexes plain text, never Markdown', () => {
    const doc = searchDocument({ locale: 'id', title: 'Kerjasama AI', summary: 'Ringkas.', body: 'Isi **tebal** dan [tautan](https://a.example/)' });
    expect(doc.config).toBe('indonesian');
    expect(doc.title).toBe('Kerja sama AI');
    expect(doc.body).toBe('Isi tebal dan tautan');
    expect(doc.text).toBe('Ringkas.\nIsi tebal dan tautan');
    expect(searchDocument({ locale: 'en', title: 'T', summary: 'S', body: 'B' }).config).toBe('english');
  });
});
