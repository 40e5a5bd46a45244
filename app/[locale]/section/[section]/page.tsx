import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotFoundPage } from '@/components/NotFoundPage';
import { SectionView } from '@/components/SectionView';
import { notFoundMetadata, sectionMetadata } from '@/lib/seo';
import { sectionIds } from '@/lib/site';
import { isLocale, sectionFromSlug, language } from '@/i18n/languages';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const locale = params.locale;
  return isLocale(locale) ? sectionIds.map((id) => ({ section: language(locale).sections[id] })) : [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]'>): Promise<Metadata> {
  const { locale, section } = await params;
  if (!isLocale(locale)) return {};
  const id = sectionFromSlug(locale, section);
  return id ? sectionMetadata(locale, id, 1) : notFoundMetadata(locale);
}

export default async function SectionPage({ params }: PageProps<'/[locale]/section/[section]'>) {
  const { locale, section } = await params;
  if (!isLocale(locale)) notFound();
  const id = sectionFromSlug(locale, section);
  if (!id) return <NotFoundPage locale={locale} />;
  return <SectionView locale={locale} section={id} page={1} />;
}
