import { rootAlternatives } from '@/lib/search/affixes';
import { splitCompounds } from '@/lib/search/document';
import { wordsOf } from '@/lib/search/query';
import { stemmerOf } from '@/lib/search/stemmers';
import type { Locale } from '@/i18n/languages';

/**
 * The stems of each word of `text` in `locale`, in order, repeats kept: its compounds split first
 * (so "kerjasama", "kerja sama" and "bekerja sama" give the same stems), then each word's stem and
 * the stems of its root alternatives (lib/search/affixes.ts: "menarik" → "arik", "tarik").
 */
export function wordStemsOf(text: string, locale: Locale): string[][] {
  const stem = stemmerOf(locale);
  return wordsOf(splitCompounds(text, locale)).map((word) => {
    const stems = [stem(word)];
    for (const alternative of rootAlternatives(word, locale)) {
      const stemmed = stem(alternative);
      if (!stems.includes(stemmed)) stems.push(stemmed);
    }
    return stems;
  });
}

/** The stems of `text` in `locale` (`wordStemsOf`, flat): what a story is indexed by. */
export function stemsOf(text: string, locale: Locale): string[] {
  return wordStemsOf(text, locale).flat();
}
