import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { HomeView } from '@/components/HomeView';
import { loadArticle } from '@/lib/content/details';
import { NotFoundPage } from '@/components/NotFoundPage';
import { SectionView } from '@/components/SectionView';
import { findHomePage, findSectionPage } from '@/lib/content/queries';
import { homeMetadata, notFoundMetadata, sectionMetadata } from '@/lib/seo/metadata';
import { prerenderListPages } from '@/lib/site';
import { homePath, sectionPath } from '@/lib/urls';
import { isLocale, type Locale } from '@/i18n/languages';

/**
 * The home list and the section lists, each served by two routes: the list's own URL (page 1) and
 * /<page segment>/<n>. One resolver per list, shared by both routes' generateMetadata and page:
 * found, or missing (an unknown section or page number is checked once, in lib/content/queries).
 */

type ListParams = Promise<{ locale: string; section?: string; page?: string }>;

async function localeOf(params: ListParams): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return locale;
}

export async function lookupHome(params: ListParams) {
  const locale = await localeOf(params);
  return { locale, ...findHomePage(locale, (await params).page) };
}

export async function lookupSection(params: ListParams) {
  const locale = await localeOf(params);
  const { section = '', page } = await params;
  return { locale, ...findSectionPage(locale, section, page) };
}

type HomeFound = Awaited<ReturnType<typeof lookupHome>>;
type SectionFound = Awaited<ReturnType<typeof lookupSection>>;

export function homeListMetadata(found: HomeFound): Promise<Metadata> {
  return found.kind === 'missing' ? notFoundMetadata(found.locale) : homeMetadata(found.locale, found.page);
}

export function sectionListMetadata(found: SectionFound): Promise<Metadata> {
  return found.kind === 'missing' ? notFoundMetadata(found.locale) : sectionMetadata(found.locale, found.section, found.page);
}

/** The page numbers a list prerenders at build (page 1 too: on the numbered route it only redirects). */
export function prerenderedPages(pageCount: number): { page: string }[] {
  return Array.from({ length: Math.min(pageCount, prerenderListPages) }, (_, i) => ({ page: String(i + 1) }));
}

/** `numbered`: the /<page segment>/<n> route, whose page 1 redirects to the list's own URL. */
export async function HomeList({ found, numbered = false }: { found: HomeFound; numbered?: boolean }) {
  if (found.kind === 'missing') return <NotFoundPage locale={found.locale} />;
  const { locale, lead, stories, page, pageCount } = found;
  if (numbered && page === 1) permanentRedirect(homePath(locale));
  // The lead shows its summary: its text is read (decision 031); the list needs only the index.
  const leadArticle = lead && (await loadArticle(lead));
  return <HomeView locale={locale} lead={leadArticle} stories={stories} page={page} pageCount={pageCount} />;
}

export function SectionList({ found, numbered = false }: { found: SectionFound; numbered?: boolean }) {
  if (found.kind === 'missing') return <NotFoundPage locale={found.locale} />;
  const { locale, section, stories, page, pageCount } = found;
  if (numbered && page === 1) permanentRedirect(sectionPath(locale, section));
  return <SectionView locale={locale} section={section} stories={stories} page={page} pageCount={pageCount} />;
}
