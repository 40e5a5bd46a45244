import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { SectionView } from '@/components/SectionView';
import { getStories, paginate, parsePageParam } from '@/lib/content/queries';
import { sectionMetadata } from '@/lib/seo';
import { isLocale, sectionFromSlug } from '@/lib/site';
import { sectionPath } from '@/lib/urls';

export const revalidate = 300;
export const dynamicParams = false;

export function generateStaticParams({ params }: { params: { locale: string; section: string } }) {
  const locale = params.locale;
  const id = isLocale(locale) ? sectionFromSlug(locale, params.section) : undefined;
  if (!id || !isLocale(locale)) return [];
  const pageCount = paginate(getStories(locale, { section: id }), 1)!.pageCount;
  return Array.from({ length: pageCount }, (_, i) => ({ page: String(i + 1) }));
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]/[page]'>): Promise<Metadata> {
  const { locale, section, page } = await params;
  const id = isLocale(locale) ? sectionFromSlug(locale, section) : undefined;
  const number = parsePageParam(page);
  return id && number && isLocale(locale) ? sectionMetadata(locale, id, number) : {};
}

export default async function SectionListPage({ params }: PageProps<'/[locale]/section/[section]/[page]'>) {
  const { locale, section, page } = await params;
  if (!isLocale(locale)) notFound();
  const id = sectionFromSlug(locale, section);
  const number = parsePageParam(page);
  if (!id || !number) notFound();
  if (number === 1) permanentRedirect(sectionPath(locale, id));
  return <SectionView locale={locale} section={id} page={number} />;
}
