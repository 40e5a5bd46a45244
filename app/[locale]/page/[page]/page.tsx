import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { HomeView } from '@/components/HomeView';
import { NotFoundPage } from '@/components/NotFoundPage';
import { findHomePage } from '@/lib/content/queries';
import { homeMetadata, notFoundMetadata } from '@/lib/seo/metadata';
import { prerenderListPages } from '@/lib/site';
import { isLocale, locales } from '@/i18n/languages';
import { homePath } from '@/lib/urls';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const first = findHomePage(isLocale(params.locale) ? params.locale : locales[0]);
  const pageCount = first.kind === 'list' ? first.pageCount : 1;
  // Page 1 lives at the home URL; /page/1 is generated only to redirect there.
  return Array.from({ length: Math.min(pageCount, prerenderListPages) }, (_, i) => ({ page: String(i + 1) }));
}

/** What /<locale>/<page segment>/<n> shows: a later page of the home list, or missing (a page number is checked here only). */
async function lookup(params: PageProps<'/[locale]/page/[page]'>['params']) {
  const { locale, page } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, ...findHomePage(locale, page) };
}

export async function generateMetadata({ params }: PageProps<'/[locale]/page/[page]'>): Promise<Metadata> {
  const found = await lookup(params);
  // Page 1 redirects to the home page (below); its metadata is the home page's.
  return found.kind === 'missing' ? notFoundMetadata(found.locale) : homeMetadata(found.locale, found.page);
}

export default async function HomeListPage({ params }: PageProps<'/[locale]/page/[page]'>) {
  const found = await lookup(params);
  if (found.kind === 'missing') return <NotFoundPage locale={found.locale} />;
  const { locale, lead, stories, page, pageCount } = found;
  if (page === 1) permanentRedirect(homePath(locale));
  return <HomeView locale={locale} lead={lead} stories={stories} page={page} pageCount={pageCount} />;
}
