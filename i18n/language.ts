import type { DateTimeFormatOptions } from 'next-intl';
import type { SectionId } from '../lib/site';

type DateTimeFormat = DateTimeFormatOptions;

/**
 * Everything the site knows about one language. Each language is one file in i18n/locales/ (its
 * file name is its code), beside messages/<code>.json and content/<code>/. Nothing else names a
 * language: the list of languages, the routes, the proxy, the guards, feeds and sitemaps are all
 * derived from these files (i18n/languages.ts). See README, "Adding a language".
 */
export interface LanguageConfig {
  /** The URL prefix and the content folder's name: a BCP 47 primary subtag such as "id". */
  readonly code: string;
  /** The language's name in itself, shown beside the language switch ("Bahasa Indonesia"). */
  readonly name: string;
  /** The language switch's invitation, in this language ("Baca dalam Bahasa Indonesia"). */
  readonly switchLabel: string;
  /**
   * "default": the site's first language (crawlers and readers with no usable Accept-Language
   * land here; x-default). "fallback": what a reader gets when nothing is in their language, and
   * the messages under every other catalogue. Exactly one file holds each role.
   */
  readonly role?: 'default' | 'fallback';
  /** Where the language sits in lists (switch, footer, sitemaps), lowest first. */
  readonly order: number;
  /** BCP 47 tag for hreflang and JSON-LD inLanguage. */
  readonly hreflang: string;
  /** og:locale ("id_ID"). */
  readonly ogLocale: string;
  /** The locale Intl formats dates and sorts with ("id-ID"). */
  readonly intlLocale: string;
  /** The newsroom's time zone for this edition, and how its readers name it. */
  readonly timeZone: string;
  readonly timeZoneLabel: string;
  /** The localized first path segment of each kind of page. */
  readonly paths: { readonly news: string; readonly section: string; readonly page: string; readonly search: string };
  /** The URL segment of each section. Labels live in messages/<code>.json. */
  readonly sections: Readonly<Record<SectionId, string>>;
  /** next-intl `formats.dateTime`: a day, a short day, and a time (joined with the zone label). */
  readonly dateFormats: { readonly day: DateTimeFormat; readonly shortDay: DateTimeFormat; readonly time: DateTimeFormat };
  /** The feed's title, after the site's name ("Kabar Kini: Berita Terbaru"). */
  readonly feedTitle: string;
  /**
   * How stories in this language are searched (lib/search): PostgreSQL's text search configuration
   * (`\dF` lists them; "indonesian" since PostgreSQL 13), the embedded engine's stemmer
   * (@orama/stemmers), and compounds written both open and closed ("kerja sama", "kerjasama"),
   * which are split before stemming so that either spelling finds the other.
   */
  readonly search: { readonly postgres: string; readonly stemmer: string; readonly compounds: readonly string[] };
  /** Other primary subtags readers' browsers send for this language ("in" for Indonesian). */
  readonly aliases: readonly string[];
}
