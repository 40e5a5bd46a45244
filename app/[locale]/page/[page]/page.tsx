import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { HomeView } from '@/components/HomeView';
import { getStories, paginate, parsePageParam } from '@/lib/content/queries';
import { homeMetadata } from '@/lib/seo';
import { isLocale, locales } from '@/lib/site';
import { homePath } from '@/lib/urls';

export const revalidate = 300;
export const dynamicParams = false;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const locale = isLocale(params.locale) ? params.locale : locales[0];
  const pageCount = paginate(getStories(locale), 1)!.pageCount;
  // Page 1 lives at the home URL; /page/1 is generated only to redirect there.
  return Array.from({ length: pageCount }, (_, i) => ({ page: String(i + 1) }));
}

export async function generateMetadata({ params }: PageProps<'/[locale]/page/[page]'>): Promise<Metadata> {
  const { locale, page } = await params;
  const number = parsePageParam(page);
  return isLocale(locale) && number ? homeMetadata(locale, number) : {};
}

export default async function HomeListPage({ params }: PageProps<'/[locale]/page/[page]'>) {
  const { locale, page } = await params;
  const number = parsePageParam(page);
  if (!isLocale(locale) || !number) notFound();
  if (number === 1) permanentRedirect(homePath(locale));
  return <HomeView locale={locale} page={number} />;
}
