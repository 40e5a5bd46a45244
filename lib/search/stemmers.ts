import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import { language, type Locale } from '@/i18n/languages';

/**
 * The embedded engine's stemmers (@orama/stemmers), by the name a language file gives
 * (`search.stemmer`). Imported one by one, so the server bundle holds only the languages the site
 * has; a language whose stemmer is not here is searched by its whole words (add it here).
 * These are Snowball's stemmers, as PostgreSQL's configurations of the same name are.
 */
const STEMMERS: Readonly<Record<string, (word: string) => string>> = { english, indonesian };

const identity = (word: string) => word;

/** Stems by language and word: a language's words repeat, and stemming is most of indexing's cost. */
const stemCaches = new Map<Locale, Map<string, string>>();
/** Past this many words a cache starts again (a flood of made-up words cannot grow it without bound). */
const STEM_CACHE_SIZE = 200_000;

export function stemmerOf(locale: Locale): (word: string) => string {
  const stem = STEMMERS[language(locale).search.stemmer] ?? identity;
  let cache = stemCaches.get(locale);
  if (!cache) stemCaches.set(locale, (cache = new Map()));
  const known = cache;
  return (word) => {
    let stemmed = known.get(word);
    if (stemmed === undefined) {
      if (known.size >= STEM_CACHE_SIZE) known.clear();
      known.set(word, (stemmed = stem(word)));
    }
    return stemmed;
  };
}
