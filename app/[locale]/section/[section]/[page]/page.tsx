import type { Metadata } from 'next';
import { SectionList, sectionListMetadata, lookupSection, prerenderedPages } from '@/app/[locale]/list-routes';
import { findSectionPage } from '@/lib/content/queries';
import { isLocale } from '@/i18n/languages';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string; section: string } }) {
  const first = isLocale(params.locale) ? findSectionPage(params.locale, params.section) : undefined;
  return first?.kind === 'list' ? prerenderedPages(first.pageCount) : [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]/[page]'>): Promise<Metadata> {
  return sectionListMetadata(await lookupSection(params));
}

export default async function SectionListPage({ params }: PageProps<'/[locale]/section/[section]/[page]'>) {
  return <SectionList found={await lookupSection(params)} numbered />;
}
