import type { Metadata } from 'next';
import { locale as rootLocale } from 'next/root-params';
import { getTranslations } from 'next-intl/server';
import { NotFoundView } from '@/components/NotFoundView';
import { defaultLocale, isLocale } from '@/lib/site';

async function currentLocale() {
  const locale = await rootLocale();
  return isLocale(locale) ? locale : defaultLocale;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await currentLocale(), namespace: 'NotFound' });
  return { title: t('title'), robots: { index: false } };
}

export default async function LocaleNotFound() {
  return <NotFoundView locale={await currentLocale()} />;
}
