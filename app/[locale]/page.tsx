import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { HomeView } from '@/components/HomeView';
import { NotFoundPage } from '@/components/NotFoundPage';
import { findHomePage } from '@/lib/content/queries';
import { homeMetadata, notFoundMetadata } from '@/lib/seo/metadata';
import { isLocale } from '@/i18n/languages';

export const revalidate = 300;

/** What the home page shows: its first page (which always exists, empty or not). */
async function lookup(params: PageProps<'/[locale]'>['params']) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, ...findHomePage(locale) };
}

export async function generateMetadata({ params }: PageProps<'/[locale]'>): Promise<Metadata> {
  const found = await lookup(params);
  return found.kind === 'missing' ? notFoundMetadata(found.locale) : homeMetadata(found.locale, found.page);
}

export default async function HomePage({ params }: PageProps<'/[locale]'>) {
  const found = await lookup(params);
  if (found.kind === 'missing') return <NotFoundPage locale={found.locale} />;
  const { locale, lead, stories, page, pageCount } = found;
  return <HomeView locale={locale} lead={lead} stories={stories} page={page} pageCount={pageCount} />;
}
