import type { LanguageConfig } from '../language';

export default {
  code: 'en',
  name: 'English',
  switchLabel: 'Read in English',
  role: 'fallback',
  order: 1,
  hreflang: 'en',
  ogLocale: 'en_US',
  intlLocale: 'en-US',
  timeZone: 'Asia/Jakarta',
  timeZoneLabel: 'WIB',
  paths: { news: 'news', section: 'section', page: 'page', search: 'search' },
  search: { postgres: 'english', stemmer: 'english', compounds: [] },
  sections: { technology: 'technology', world: 'world', business: 'business' },
  dateFormats: {
    day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    shortDay: { day: 'numeric', month: 'short', year: 'numeric' },
    time: { hour: 'numeric', minute: '2-digit', hour12: true },
  },
  feedTitle: 'Latest News',
  aliases: [],
} as const satisfies LanguageConfig;
