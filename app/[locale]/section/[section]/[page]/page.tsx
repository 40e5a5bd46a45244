import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { NotFoundPage } from '@/components/NotFoundPage';
import { SectionView } from '@/components/SectionView';
import { findSectionPage } from '@/lib/content/queries';
import { notFoundMetadata, sectionMetadata } from '@/lib/seo/metadata';
import { prerenderListPages } from '@/lib/site';
import { isLocale } from '@/i18n/languages';
import { sectionPath } from '@/lib/urls';

export const revalidate = 300;

export function generateStaticParams({ params }: { params: { locale: string; section: string } }) {
  const first = isLocale(params.locale) ? findSectionPage(params.locale, params.section) : undefined;
  if (first?.kind !== 'list') return [];
  return Array.from({ length: Math.min(first.pageCount, prerenderListPages) }, (_, i) => ({ page: String(i + 1) }));
}

/** What a section's later page shows, or missing when the section or the page does not exist (a page number is checked here only). */
async function lookup(params: PageProps<'/[locale]/section/[section]/[page]'>['params']) {
  const { locale, section, page } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, ...findSectionPage(locale, section, page) };
}

export async function generateMetadata({ params }: PageProps<'/[locale]/section/[section]/[page]'>): Promise<Metadata> {
  const found = await lookup(params);
  // Page 1 redirects to the section's own URL (below); its metadata is that page's.
  return found.kind === 'missing' ? notFoundMetadata(found.locale) : sectionMetadata(found.locale, found.section, found.page);
}

export default async function SectionListPage({ params }: PageProps<'/[locale]/section/[section]/[page]'>) {
  const found = await lookup(params);
  if (found.kind === 'missing') return <NotFoundPage locale={found.locale} />;
  const { locale, section, stories, page, pageCount } = found;
  if (page === 1) permanentRedirect(sectionPath(locale, section));
  return <SectionView locale={locale} section={section} stories={stories} page={page} pageCount={pageCount} />;
}
