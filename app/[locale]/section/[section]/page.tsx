import type { Metadata } from 'next';
import { SectionList, sectionListMetadata, lookupSection } from '@/app/[locale]/list-routes';
import { sectionIds } from '@/lib/site';
import { isLocale, language } from '@/i18n/languages';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const locale = params.locale;
  return isLocale(locale) ? sectionIds.map((id) => ({ section: language(locale).sections[id] })) : [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]'>): Promise<Metadata> {
  return sectionListMetadata(await lookupSection(params));
}

export default async function SectionPage({ params }: PageProps<'/[locale]/section/[section]'>) {
  return <SectionList found={await lookupSection(params)} />;
}
