/**
 * One source of truth for the facts every part of the site agrees on:
 * the site's name, its languages, sections, time zone and page sizes.
 * Adding a section or a language starts here (and in messages/).
 */

export const locales = ['id', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Indonesian is the site's first language… */
export const defaultLocale: Locale = 'id';
/** …and English is what a reader gets when we have nothing in their language. */
export const fallbackLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl, og:locale and hreflang. */
export const localeSettings: Record<Locale, { intl: string; og: string; hreflang: string }> = {
  id: { intl: 'id-ID', og: 'id_ID', hreflang: 'id' },
  en: { intl: 'en-US', og: 'en_US', hreflang: 'en' },
};

export const siteName = 'Kabar Kini';

/** The newsroom's time zone: every date is shown in WIB, whatever the reader's clock says. */
export const timeZone = 'Asia/Jakarta';
export const timeZoneLabel = 'WIB';

export const sectionIds = ['technology', 'world', 'business'] as const;
export type SectionId = (typeof sectionIds)[number];

/** The URL segment of each section, per language. Labels live in messages/. */
export const sectionSlugs: Record<SectionId, Record<Locale, string>> = {
  technology: { id: 'teknologi', en: 'technology' },
  world: { id: 'dunia', en: 'world' },
  business: { id: 'ekonomi', en: 'business' },
};


export function sectionFromSlug(locale: Locale, slug: string): SectionId | undefined {
  return sectionIds.find((id) => sectionSlugs[id][locale] === slug);
}

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
