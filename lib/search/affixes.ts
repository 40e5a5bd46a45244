import { stemmerOf } from '@/lib/search/stemmers';
import { language, type Locale } from '@/i18n/languages';

/**
 * Root alternatives: the other word a search indexes and looks for, besides a word itself, where
 * the language's stemmer cannot find the root (both engines use them: lib/search/document.ts for
 * PostgreSQL's index, lib/search/stems.ts for the embedded one, and each engine's query).
 *
 * Indonesian (the Snowball stemmer, in @orama/stemmers and PostgreSQL's `indonesian`): the nasal
 * prefixes meN- and peN- replace a root's first voiceless consonant by their nasal (the KBBI's
 * morphophonemic rule): t → n (tarik → menarik, tulis → penulis), k → ng (kembang →
 * pengembangan), p → m (pakai → memakai), s → ny (sapu → menyapu). Snowball puts p and s back
 * (memakai → paka, menyapu → sapu) but not t and k: menarik → "arik", pengembangan → "embang",
 * mengetahui → "etahu". So a word that begins with men-/pen- + vowel, and whose stem is the rest
 * of it (the stemmer took that prefix off), has the alternative t + its stem; meng-/peng- + vowel,
 * k + its stem: menarik → "tarik", peneliti → "teliti", pengembangan → "kembang", mengetahui →
 * "ketahu" (whose stem is "tahu"). The alternative is built from the stem, not from the whole
 * word: "kembangkan" would stem to "mbangkan" (ke- taken for a prefix), "kembang" stems to
 * "kembang". A word the stemmer left whole ("menu", "penuh") has none: "menu" never looks for "tu".
 *
 * An alternative is an extra word: harmless in an index (a word that only looked like a prefixed
 * one, "mengajar" → "kajar", adds a word no story has), and in a query a word matches a story
 * with its own stem OR its alternative's.
 */

type Rule = (word: string, stem: (word: string) => string) => string[];

interface Rules {
  /** The word's root alternatives. */
  alternatives: Rule;
  /** Prefixed forms of the word whose stems the language's stemmer cannot lead back to it. */
  prefixed: Rule;
}

const VOWEL = '[aeiou]';
const INDONESIAN_NASAL = new RegExp(`^(?:(?:me|pe)(ng)(?=${VOWEL})|(?:me|pe)(n)(?=${VOWEL}))`);

const indonesianAlternatives: Rule = (word, stem) => {
  const prefix = INDONESIAN_NASAL.exec(word);
  if (!prefix) return [];
  const rest = word.slice(prefix[0].length);
  const stemmed = stem(word);
  if (!stemmed || !rest.startsWith(stemmed)) return [];
  return [`${prefix[1] ? 'k' : 't'}${stemmed}`];
};

const indonesian: Rules = {
  alternatives: indonesianAlternatives,
  // tulis → menulis, penulis; kembang → mengembang, pengembang: the forms whose alternative is the word.
  prefixed: (word, stem) => {
    const nasal = /^t[aeiou]/.test(word) ? 'n' : /^k[aeiou]/.test(word) ? 'ng' : '';
    if (!nasal) return [];
    const root = stem(word);
    return ['me', 'pe'].map((prefix) => `${prefix}${nasal}${word.slice(1)}`).filter((form) => indonesianAlternatives(form, stem).some((alternative) => stem(alternative) === root));
  },
};

/** The rules, by the stemmer a language file names (`search.stemmer`). */
const RULES: Readonly<Record<string, Rules>> = { indonesian };

/** Whether `locale`'s words can have alternatives at all (most words are skipped by a cheap test). */
export function hasRootAlternatives(locale: Locale): boolean {
  return language(locale).search.stemmer in RULES;
}

/** The alternative words of `word` (lowercase, as lib/search/query.ts `wordsOf` gives it) in `locale`. */
export function rootAlternatives(word: string, locale: Locale): string[] {
  const rules = RULES[language(locale).search.stemmer];
  return rules ? rules.alternatives(word, stemmerOf(locale)) : [];
}

/**
 * The prefixed forms of `word` whose root alternative is `word` ("tulis" → "menulis", "penulis";
 * not "tu" → "menu"): what PostgreSQL's snippets mark besides the word (ts_headline stems the
 * story's text, without alternatives). Not every form: "tahu" does not give "mengetahui".
 */
export function prefixedForms(word: string, locale: Locale): string[] {
  const rules = RULES[language(locale).search.stemmer];
  return rules ? rules.prefixed(word, stemmerOf(locale)) : [];
}
