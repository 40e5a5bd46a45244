import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotFoundPage } from '@/components/NotFoundPage';
import { SectionView } from '@/components/SectionView';
import { findSectionPage } from '@/lib/content/queries';
import { notFoundMetadata, sectionMetadata } from '@/lib/seo/metadata';
import { sectionIds } from '@/lib/site';
import { isLocale, language } from '@/i18n/languages';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const locale = params.locale;
  return isLocale(locale) ? sectionIds.map((id) => ({ section: language(locale).sections[id] })) : [];
}

/** What /<locale>/<section segment>/<slug> shows: the section's first page, or missing for a slug that names no section. */
async function lookup(params: PageProps<'/[locale]/section/[section]'>['params']) {
  const { locale, section } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, ...findSectionPage(locale, section) };
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]'>): Promise<Metadata> {
  const found = await lookup(params);
  return found.kind === 'missing' ? notFoundMetadata(found.locale) : sectionMetadata(found.locale, found.section, found.page);
}

export default async function SectionPage({ params }: PageProps<'/[locale]/section/[section]'>) {
  const found = await lookup(params);
  if (found.kind === 'missing') return <NotFoundPage locale={found.locale} />;
  const { locale, section, stories, page, pageCount } = found;
  return <SectionView locale={locale} section={section} stories={stories} page={page} pageCount={pageCount} />;
}
