import type { Metadata } from 'next';
import { locale as rootLocale } from 'next/root-params';
import { NotFoundView } from '@/components/NotFoundView';
import { notFoundMetadata } from '@/lib/seo/metadata';
import { defaultLocale, isLocale } from '@/i18n/languages';

async function currentLocale() {
  const locale = await rootLocale();
  return isLocale(locale) ? locale : defaultLocale;
}

export async function generateMetadata(): Promise<Metadata> {
  return notFoundMetadata(await currentLocale());
}

export default async function LocaleNotFound() {
  return <NotFoundView locale={await currentLocale()} />;
}
