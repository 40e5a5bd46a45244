import { getTranslations } from 'next-intl/server';
import { JsonLd } from '@/components/JsonLd';
import { homeAlternates, PageShell } from '@/components/PageShell';
import { Pagination } from '@/components/Pagination';
import { StoryPhoto } from '@/components/Photo';
import { StoryList } from '@/components/StoryList';
import type { StoryMeta } from '@/lib/content/meta';
import type { Article } from '@/lib/content/parse';
import { formatDateTime } from '@/lib/format';
import { absoluteUrl, siteName } from '@/lib/site';
import { type Locale } from '@/i18n/languages';
import { homeJsonLd } from '@/lib/seo/structured-data';
import { homePath, sectionPath, storyPath } from '@/lib/urls';

interface HomeViewProps {
  locale: Locale;
  /** The first page's lead story (lib/content/queries.ts findHomePage chooses it); none on later pages. */
  lead?: Article;
  /** The page's other stories, newest first. */
  stories: readonly StoryMeta[];
  page: number;
  pageCount: number;
}

/** The home page and its later pages: the lead story, then the latest stories newest first. */
export async function HomeView({ locale, lead, stories, page, pageCount }: HomeViewProps) {
  const t = await getTranslations({ locale });
  return (
    <PageShell locale={locale} alternates={homeAlternates(locale)} isHome={page === 1}>
      {page === 1 && (
        <JsonLd data={homeJsonLd(locale, { url: absoluteUrl(homePath(locale)), description: t('Metadata.siteDescription') })} />
      )}
      <div className="container">
        <h1 className={page === 1 ? 'visually-hidden' : 'page-title'}>
          {page === 1 ? `${siteName}: ${t('Home.title')}` : t('Metadata.pageTitle', { title: t('Home.title'), page })}
        </h1>
        {!lead && stories.length === 0 && <p>{t('Home.empty')}</p>}
        {lead && (
          <section className="lead-story" aria-labelledby="lead-story-title">
            {lead.image && (
              <a className="lead-image" href={storyPath(locale, lead.slug)} tabIndex={-1} aria-hidden="true">
                <StoryPhoto image={lead.image} alt="" sizes="(min-width: 52rem) 50rem, calc(100vw - 2rem)" lead wide />
              </a>
            )}
            <p className="kicker">
              <a href={sectionPath(locale, lead.section)}>{t(`Sections.${lead.section}`)}</a>
            </p>
            <h2 id="lead-story-title" className="lead-title" lang={lead.locale !== locale ? lead.locale : undefined}>
              <a href={storyPath(locale, lead.slug)}>{lead.title}</a>
            </h2>
            <p className="lead-summary" lang={lead.locale !== locale ? lead.locale : undefined}>
              {lead.summary}
            </p>
            <p className="story-meta">
              <time dateTime={lead.publishedAt}>{formatDateTime(lead.publishedAt, locale)}</time>
            </p>
          </section>
        )}
        {stories.length > 0 && (
          <section id="latest" className="latest" aria-labelledby="latest-title" tabIndex={-1}>
            <h2 id="latest-title" className="section-heading">
              {t('Home.latest')}
            </h2>
            <StoryList locale={locale} stories={stories} />
          </section>
        )}
        <Pagination locale={locale} page={page} pageCount={pageCount} hrefFor={(p) => homePath(locale, p)} />
      </div>
    </PageShell>
  );
}
