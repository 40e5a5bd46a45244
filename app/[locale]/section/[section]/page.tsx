import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SectionView } from '@/components/SectionView';
import { sectionMetadata } from '@/lib/seo';
import { isLocale, sectionFromSlug, sectionIds, sectionSlugs } from '@/lib/site';

export const revalidate = 300;
export const dynamicParams = false;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  return isLocale(params.locale) ? sectionIds.map((id) => ({ section: sectionSlugs[id][params.locale as 'id' | 'en'] })) : [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]'>): Promise<Metadata> {
  const { locale, section } = await params;
  const id = isLocale(locale) ? sectionFromSlug(locale, section) : undefined;
  return id && isLocale(locale) ? sectionMetadata(locale, id, 1) : {};
}

export default async function SectionPage({ params }: PageProps<'/[locale]/section/[section]'>) {
  const { locale, section } = await params;
  if (!isLocale(locale)) notFound();
  const id = sectionFromSlug(locale, section);
  if (!id) notFound();
  return <SectionView locale={locale} section={id} page={1} />;
}
