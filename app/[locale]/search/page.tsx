import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SearchView } from '@/components/SearchView';
import { reportSearchOutcome } from '@/lib/http/search-response';
import { searchStories } from '@/lib/search/engine';
import { parseSearchRequest } from '@/lib/search/query';
import { searchMetadata } from '@/lib/seo/metadata';
import { isLocale } from '@/i18n/languages';

// The reader's words are in the URL: rendered for each request, kept by shared caches for a
// minute (lib/http/search-response.ts sets the status and Cache-Control from what was shown).
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params, searchParams }: PageProps<'/[locale]/search'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const { q, page } = await searchParams;
  // The words as the page shows them: control characters out, the first `q` of several.
  return searchMetadata(locale, parseSearchRequest({ q, page }).text);
}

export default async function SearchPage({ params, searchParams }: PageProps<'/[locale]/search'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const { q, page } = await searchParams;
  const answer = await searchStories(locale, q, page);
  reportSearchOutcome(answer.kind === 'results' ? 'results' : answer.kind);
  return <SearchView locale={locale} answer={answer} />;
}
