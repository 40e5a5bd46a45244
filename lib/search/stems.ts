import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import { splitCompounds } from '@/lib/search/document';
import { wordsOf } from '@/lib/search/query';
import { language, type Locale } from '@/i18n/languages';

/**
 * The embedded engine's stemmers (@orama/stemmers), by the name a language file gives
 * (`search.stemmer`). Imported one by one, so the server bundle holds only the languages the site
 * has; a language whose stemmer is not here is searched by its whole words (add it here).
 */
const STEMMERS: Readonly<Record<string, (word: string) => string>> = { english, indonesian };

const identity = (word: string) => word;

export function stemmerOf(locale: Locale): (word: string) => string {
  return STEMMERS[language(locale).search.stemmer] ?? identity;
}

/**
 * The stems of `text` in `locale`, in order, repeats kept: its compounds split first (so
 * "kerjasama", "kerja sama" and "bekerja sama" give the same stems), then its words stemmed.
 */
export function stemsOf(text: string, locale: Locale): string[] {
  const stem = stemmerOf(locale);
  return wordsOf(splitCompounds(text, locale)).map((word) => stem(word));
}
