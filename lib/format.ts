import { localeSettings, timeZone, timeZoneLabel, type Locale } from '@/lib/site';

// ICU puts a narrow no-break space before "AM"/"PM"; readers and screen readers expect a space.
const tidy = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeSettings[locale].intl, { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "Sabtu, 26 Juli 2025, 10.00 WIB" / "Saturday, July 26, 2025, 10:00 AM WIB", in the newsroom's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  const day = formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  const time = formatter(locale, { hour: 'numeric', minute: '2-digit', hour12: locale === 'en' }).format(date);
  const paddedTime = locale === 'id' ? time.padStart(5, '0') : time;
  return tidy(`${day}, ${paddedTime} ${timeZoneLabel}`);
}


/** "26 Jul 2025, 10.00 WIB" / "Jul 26, 2025, 10:00 AM WIB", for lists. */
export function formatShortDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  const day = formatter(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
  const time = formatter(locale, { hour: 'numeric', minute: '2-digit', hour12: locale === 'en' }).format(date);
  return tidy(`${day}, ${locale === 'id' ? time.padStart(5, '0') : time} ${timeZoneLabel}`);
}
