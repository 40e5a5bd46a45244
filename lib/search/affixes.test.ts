import { describe, expect, it } from 'vitest';
import { prefixedForms, rootAlternatives } from '@/lib/search/affixes';
import { withRootAlternatives } from '@/lib/search/document';

describe('rootAlternatives', () => {
  it('puts back the t or k that an Indonesian meN-/peN- prefix took, from the stem', () => {
    expect(rootAlternatives('menarik', 'id')).toEqual(['tarik']);
    expect(rootAlternatives('penulis', 'id')).toEqual(['tulis']);
    expect(rootAlternatives('mengembangkan', 'id')).toEqual(['kembang']);
    expect(rootAlternatives('pengetahuan', 'id')).toEqual(['ketahu']);
  });

  it('gives none for a word the stemmer left whole, one already restored (p, s), a root, or English', () => {
    for (const word of ['menu', 'penuh', 'memakai', 'menyapu', 'tarik', 'berkembang']) expect(rootAlternatives(word, 'id'), word).toEqual([]);
    expect(rootAlternatives('menarik', 'en')).toEqual([]);
  });

  it('indexes the alternatives next to the word, and the prefixed forms come back to a root', () => {
    expect(withRootAlternatives('Pameran Menarik pengunjung', 'id')).toBe('Pameran Menarik tarik pengunjung kunjung');
    expect(withRootAlternatives('Menarik', 'en')).toBe('Menarik');
    expect(prefixedForms('tulis', 'id')).toEqual(['menulis', 'penulis']);
    expect(prefixedForms('tu', 'id')).toEqual([]);
  });
});
