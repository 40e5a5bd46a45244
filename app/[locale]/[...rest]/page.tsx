import type { Metadata } from 'next';
import { NotFoundPage } from '@/components/NotFoundPage';
import { notFoundMetadata } from '@/lib/seo/metadata';
import { defaultLocale, isLocale } from '@/i18n/languages';

// Rendered on first request and then cached (not streamed), so that the 404 status set by
// NotFoundPage reaches the reader (see docs/decisions/005-not-found-pages.md).
export const revalidate = 300;
export function generateStaticParams() {
  return [];
}

// Any other path under a locale gets the localized 404 page rather than Next's bare one, and so do
// unknown locale prefixes and malformed paths, which the HTTP guard rewrites to paths under this
// route (INVALID_PATH_SEGMENT and UNKNOWN_LOCALE_SEGMENT in i18n/fallback-paths.ts).
export async function generateMetadata({ params }: PageProps<'/[locale]/[...rest]'>): Promise<Metadata> {
  const { locale } = await params;
  return notFoundMetadata(isLocale(locale) ? locale : defaultLocale);
}

export default async function UnknownPath({ params }: PageProps<'/[locale]/[...rest]'>) {
  const { locale } = await params;
  return <NotFoundPage locale={isLocale(locale) ? locale : defaultLocale} />;
}
