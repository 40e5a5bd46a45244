import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { NotFoundPage } from '@/components/NotFoundPage';
import { SectionView } from '@/components/SectionView';
import { getStories, paginate, parsePageParam } from '@/lib/content/queries';
import { notFoundMetadata, sectionMetadata } from '@/lib/seo';
import { prerenderListPages } from '@/lib/site';
import { isLocale, sectionFromSlug, type Locale } from '@/i18n/languages';
import { sectionPath } from '@/lib/urls';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string; section: string } }) {
  const locale = params.locale;
  const id = isLocale(locale) ? sectionFromSlug(locale, params.section) : undefined;
  if (!id || !isLocale(locale)) return [];
  const pageCount = paginate(getStories(locale, { section: id }), 1)!.pageCount;
  return Array.from({ length: Math.min(pageCount, prerenderListPages) }, (_, i) => ({ page: String(i + 1) }));
}

/** The section and page a URL names, or undefined when either does not exist. */
function resolve(locale: Locale, section: string, page: string) {
  const id = sectionFromSlug(locale, section);
  const number = parsePageParam(page);
  return id && number && paginate(getStories(locale, { section: id }), number) ? { id, number } : undefined;
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]/[page]'>): Promise<Metadata> {
  const { locale, section, page } = await params;
  if (!isLocale(locale)) return {};
  const found = resolve(locale, section, page);
  return found ? sectionMetadata(locale, found.id, found.number) : notFoundMetadata(locale);
}

export default async function SectionListPage({ params }: PageProps<'/[locale]/section/[section]/[page]'>) {
  const { locale, section, page } = await params;
  if (!isLocale(locale)) notFound();
  const found = resolve(locale, section, page);
  if (!found) return <NotFoundPage locale={locale} />;
  if (found.number === 1) permanentRedirect(sectionPath(locale, found.id));
  return <SectionView locale={locale} section={found.id} page={found.number} />;
}
