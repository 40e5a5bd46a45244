import { createFormatter } from 'next-intl';
import { language, type Locale } from '@/i18n/languages';

// ICU puts a narrow no-break space before "AM"/"PM"; readers and screen readers expect a space.
const tidy = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

type Formatter = ReturnType<typeof createFormatter>;
const formatters = new Map<Locale, Formatter>();

/** next-intl's formatter with the language's own formats (i18n/locales/<code>.ts) and time zone. */
function formatterFor(locale: Locale): Formatter {
  let formatter = formatters.get(locale);
  if (!formatter) {
    const { intlLocale, timeZone, dateFormats } = language(locale);
    formatter = createFormatter({
      locale: intlLocale,
      timeZone,
      formats: { dateTime: dateFormats },
    });
    formatters.set(locale, formatter);
  }
  return formatter;
}

function dayAndTime(iso: string, locale: Locale, day: 'day' | 'shortDay'): string {
  const date = new Date(iso);
  const format = formatterFor(locale);
  return tidy(`${format.dateTime(date, day)}, ${format.dateTime(date, 'time')} ${language(locale).timeZoneLabel}`);
}

/** "Sabtu, 26 Juli 2025, 10.00 WIB" / "Saturday, July 26, 2025, 10:00 AM WIB", in the newsroom's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
  return dayAndTime(iso, locale, 'day');
}

/** "26 Jul 2025, 10.00 WIB" / "Jul 26, 2025, 10:00 AM WIB", for lists. */
export function formatShortDateTime(iso: string, locale: Locale): string {
  return dayAndTime(iso, locale, 'shortDay');
}
