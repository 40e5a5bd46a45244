import { locale as rootLocale } from 'next/root-params';
import { getRequestConfig } from 'next-intl/server';
import { messagesFor } from '@/i18n/messages';
import { logWarn } from '@/lib/observability/log.mjs';
import { defaultLocale, isLocale, language } from '@/i18n/languages';

export default getRequestConfig(async ({ locale: explicit }) => {
  // Route handlers (share images, feeds) pass the locale explicitly: root params are not
  // available there. Pages and layouts read it from the [locale] root segment.
  const requested = explicit ?? (await rootLocale());
  const locale = isLocale(requested) ? requested : defaultLocale;
  return {
    locale,
    timeZone: language(locale).timeZone,
    formats: { dateTime: language(locale).dateFormats },
    messages: messagesFor(locale),
    // The fallback language is already merged underneath; this only guards against a key missing from both.
    getMessageFallback: ({ key, namespace }) => (namespace ? `${namespace}.${key}` : key),
    // One JSON log line per missing key, not next-intl's default console.error with a stack on
    // every render (the server log is one JSON object per line, decision 029).
    onError: (error) => {
      const id = `${error.code}: ${error.originalMessage ?? error.message}`;
      if (reported.has(id)) return;
      reported.add(id);
      logWarn(`messages: ${id}`);
    },
  };
});

const reported = new Set<string>();
