import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { HomeView } from '@/components/HomeView';
import { NotFoundPage } from '@/components/NotFoundPage';
import { getStories, paginate, parsePageParam } from '@/lib/content/queries';
import { homeMetadata, notFoundMetadata } from '@/lib/seo';
import { prerenderListPages } from '@/lib/site';
import { isLocale, locales, type Locale } from '@/i18n/languages';
import { homePath } from '@/lib/urls';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const locale = isLocale(params.locale) ? params.locale : locales[0];
  const pageCount = paginate(getStories(locale), 1)!.pageCount;
  // Page 1 lives at the home URL; /page/1 is generated only to redirect there.
  return Array.from({ length: Math.min(pageCount, prerenderListPages) }, (_, i) => ({ page: String(i + 1) }));
}

function pageNumber(locale: Locale, raw: string): number | undefined {
  const number = parsePageParam(raw);
  return number && paginate(getStories(locale), number) ? number : undefined;
}

export async function generateMetadata({ params }: PageProps<'/[locale]/page/[page]'>): Promise<Metadata> {
  const { locale, page } = await params;
  if (!isLocale(locale)) return {};
  const number = pageNumber(locale, page);
  return number ? homeMetadata(locale, number) : notFoundMetadata(locale);
}

export default async function HomeListPage({ params }: PageProps<'/[locale]/page/[page]'>) {
  const { locale, page } = await params;
  if (!isLocale(locale)) notFound();
  const number = pageNumber(locale, page);
  if (!number) return <NotFoundPage locale={locale} />;
  if (number === 1) permanentRedirect(homePath(locale));
  return <HomeView locale={locale} page={number} />;
}
