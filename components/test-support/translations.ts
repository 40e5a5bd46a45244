import { createTranslator } from 'next-intl';
import { messagesFor } from '@/i18n/messages';
import type { Locale } from '@/i18n/languages';

/**
 * next-intl/server's getTranslations for unit tests, over the real catalogues (with English
 * underneath, as on the site). Server components ask it for their labels; outside a Next request
 * there is no request config to read, so tests mock the module with this one:
 *
 *   vi.mock('next-intl/server', () => import('@/components/test-support/translations'));
 */
export async function getTranslations({ locale, namespace }: { locale: Locale; namespace?: string }) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: namespace as never });
}
