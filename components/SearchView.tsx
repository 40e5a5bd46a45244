import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/PageShell';
import { Pagination } from '@/components/Pagination';
import { SearchForm } from '@/components/SearchForm';
import type { SearchAnswer, SearchHit } from '@/lib/search/engine';
import { formatShortDateTime } from '@/lib/format';
import { searchLimits } from '@/lib/site';
import { otherLocales, type Locale } from '@/i18n/languages';
import { searchPath, sectionPath, storyPath } from '@/lib/urls';

/**
 * The search page: the form (a GET form: it works without JavaScript), then what the search gave:
 * the results with their count in a heading, no results, the reason a query was refused, or that
 * search is unavailable. Snippets are the engines' safe HTML (lib/search/snippet.ts): the story's
 * text escaped, the matched words in <mark>.
 */
export async function SearchView({ locale, answer }: { locale: Locale; answer: SearchAnswer }) {
  const t = await getTranslations({ locale });
  const query = answer.text;
  return (
    <PageShell locale={locale} alternates={otherLocales(locale).map((l) => ({ locale: l, href: searchPath(l, query || undefined) }))}>
      <div className="container search-page">
        <h1 className="page-title">{t('Search.title')}</h1>
        <SearchForm place="page" action={searchPath(locale)} label={t('Search.label')} submit={t('Search.submit')} value={query} autoFocus={answer.kind === 'empty'} />
        {answer.kind === 'empty' && <p className="search-note">{t('Search.empty')}</p>}
        {answer.kind === 'refused' && (
          <section className="search-problem" aria-labelledby="search-status">
            <h2 id="search-status">{t('Search.refusedTitle')}</h2>
            <p>{t(`Search.refused.${answer.reason}`, { max: refusalLimit(answer.reason) })}</p>
          </section>
        )}
        {answer.kind === 'unavailable' && (
          <section className="search-problem" aria-labelledby="search-status">
            <h2 id="search-status">{t('Search.unavailableTitle')}</h2>
            <p>{t('Search.unavailable')}</p>
          </section>
        )}
        {answer.kind === 'results' && <SearchResults locale={locale} answer={answer} />}
      </div>
    </PageShell>
  );
}

function refusalLimit(reason: Extract<SearchAnswer, { kind: 'refused' }>['reason']): number {
  if (reason === 'too-long') return searchLimits.maxQueryLength;
  if (reason === 'too-many-words') return searchLimits.maxWords;
  if (reason === 'word-too-long') return searchLimits.maxWordLength;
  return searchLimits.maxPages;
}

async function SearchResults({ locale, answer }: { locale: Locale; answer: Extract<SearchAnswer, { kind: 'results' }> }) {
  const t = await getTranslations({ locale });
  const { text: query, results, total, capped, page, pageCount } = answer;
  if (total === 0) {
    return (
      <section className="search-results" aria-labelledby="search-status">
        <h2 id="search-status">{t('Search.noResults', { query })}</h2>
        <p>{t('Search.noResultsHint')}</p>
      </section>
    );
  }
  return (
    <section className="search-results" aria-labelledby="search-status">
      <h2 id="search-status">{t(capped ? 'Search.resultsCapped' : 'Search.results', { count: total, query })}</h2>
      {results.length === 0 ? (
        <p>
          {t('Search.pastLast', { page })} <a href={searchPath(locale, query)}>{t('Search.firstPage')}</a>
        </p>
      ) : (
        <ol className="search-list" start={(page - 1) * searchLimits.pageSize + 1}>
          {results.map((hit) => (
            <SearchResult key={hit.story.file} locale={locale} hit={hit} sectionName={t(`Sections.${hit.story.section}`)} />
          ))}
        </ol>
      )}
      <Pagination locale={locale} page={page} pageCount={pageCount} hrefFor={(p) => searchPath(locale, query, p)} />
    </section>
  );
}

function SearchResult({ locale, hit, sectionName }: { locale: Locale; hit: SearchHit; sectionName: string }) {
  const { story, snippet } = hit;
  return (
    <li className="search-item">
      <h3 className="story-title">
        <a href={storyPath(locale, story.slug)}>{story.title}</a>
      </h3>
      <p className="story-meta">
        <a className="story-section" href={sectionPath(locale, story.section)}>
          {sectionName}
        </a>{' '}
        <span aria-hidden="true">·</span> <time dateTime={story.publishedAt}>{formatShortDateTime(story.publishedAt, locale)}</time>
      </p>
      {/* Safe: escaped text with <mark> only (lib/search/snippet.ts snippetHtml). */}
      <p className="search-snippet" dangerouslySetInnerHTML={{ __html: snippet }} />
    </li>
  );
}
