import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { HomeView } from '@/components/HomeView';
import { homeMetadata } from '@/lib/seo';
import { isLocale } from '@/i18n/languages';

export const revalidate = 300;

export async function generateMetadata({ params }: PageProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? homeMetadata(locale, 1) : {};
}

export default async function HomePage({ params }: PageProps<'/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return <HomeView locale={locale} page={1} />;
}
