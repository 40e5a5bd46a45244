import type { Metadata } from 'next';
import { HomeList, homeListMetadata, lookupHome, prerenderedPages } from '@/app/[locale]/list-routes';
import { findHomePage } from '@/lib/content/queries';
import { defaultLocale, isLocale } from '@/i18n/languages';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const first = findHomePage(isLocale(params.locale) ? params.locale : defaultLocale);
  return prerenderedPages(first.kind === 'list' ? first.pageCount : 1);
}

export async function generateMetadata({ params }: PageProps<'/[locale]/page/[page]'>): Promise<Metadata> {
  return homeListMetadata(await lookupHome(params));
}

export default async function HomeListPage({ params }: PageProps<'/[locale]/page/[page]'>) {
  return <HomeList found={await lookupHome(params)} numbered />;
}
