/**
 * One source of truth for the facts every part of the site agrees on, whatever the language:
 * the site's name, its sections, page sizes and cache lifetimes. Everything about a language
 * (its paths, section slugs, time zone, date formats) is in its file in i18n/locales/.
 */

export const siteName = 'Kabar Kini';

export const sectionIds = ['technology', 'world', 'business'] as const;
export type SectionId = (typeof sectionIds)[number];

/** Stories per list page (home and sections). */
export const pageSize = 20;
/** List pages (home, each section) prerendered at build; later pages render on first request. */
export const prerenderListPages = 5;
/** Stories in the "Latest News" list under an article. */
export const latestNewsCount = 5;
/** Stories in each language's feed. */
export const feedSize = 50;

/**
 * How many of the newest stories per language are prerendered at build time.
 * Older ones are rendered on first request and then cached, so the build does not
 * grow with the archive. Override with PRERENDER_RECENT.
 */
export function prerenderRecentCount(): number {
  const raw = process.env.PRERENDER_RECENT;
  const parsed = raw === undefined ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : 200;
}

/** The public origin, read at build time for static pages (a change needs a rebuild). */
export function siteUrl(): URL {
  const raw = process.env.SITE_URL || 'http://localhost:3000';
  try {
    return new URL(raw);
  } catch {
    throw new Error(`SITE_URL is not a valid absolute URL: "${raw}". Set it like SITE_URL=https://kabarkini.example`);
  }
}

export function absoluteUrl(path: string): string {
  return new URL(path, siteUrl()).toString();
}

/** Cache lifetimes, in seconds, for public responses (see next.config.ts). */
export const cachePolicy = {
  pageSMaxAge: 300,
  pageStaleWhileRevalidate: 86400,
};

/**
 * What a search may cost (lib/search, decision 032): a query longer than `maxQueryLength`
 * characters (after trimming), of more than `maxWords` words or with a word longer than
 * `maxWordLength`, or a page past `maxPages`, is refused with a 400. At most `maxMatches` matches
 * are ranked (the most recent ones, in PostgreSQL) and counted. Results are kept by shared caches
 * for `sMaxAge` seconds.
 */
export const searchLimits = {
  pageSize: 10,
  maxPages: 50,
  maxQueryLength: 100,
  maxWords: 8,
  maxWordLength: 40,
  maxMatches: 1_000,
  sMaxAge: 60,
  /** PostgreSQL's statement_timeout for one search, in ms. */
  timeoutMs: 2_000,
} as const;
