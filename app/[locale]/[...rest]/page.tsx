import type { Metadata } from 'next';
import { NotFoundPage } from '@/components/NotFoundPage';
import { notFoundMetadata } from '@/lib/seo';
import { defaultLocale, isLocale } from '@/i18n/languages';

// Rendered on first request and then cached (not streamed), so that the 404 status set by
// NotFoundPage reaches the reader (see docs/decisions/005-not-found-pages.md).
export const revalidate = 300;
export function generateStaticParams() {
  return [];
}

// Any other path under a locale (and unknown locale prefixes or malformed paths, which proxy.ts
// rewrites here) gets the localized 404 page rather than Next's bare one.
export async function generateMetadata({ params }: PageProps<'/[locale]/[...rest]'>): Promise<Metadata> {
  const { locale } = await params;
  return notFoundMetadata(isLocale(locale) ? locale : defaultLocale);
}

export default async function UnknownPath({ params }: PageProps<'/[locale]/[...rest]'>) {
  const { locale } = await params;
  return <NotFoundPage locale={isLocale(locale) ? locale : defaultLocale} />;
}
