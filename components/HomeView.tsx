import { getTranslations } from 'next-intl/server';
import { JsonLd } from '@/components/JsonLd';
import { NotFoundPage } from '@/components/NotFoundPage';
import { PageShell } from '@/components/PageShell';
import { Pagination } from '@/components/Pagination';
import { StoryList } from '@/components/StoryList';
import { getStories, paginate } from '@/lib/content/queries';
import { formatDateTime } from '@/lib/format';
import { absoluteUrl, siteName } from '@/lib/site';
import { otherLocales, type Locale } from '@/i18n/languages';
import { homeJsonLd } from '@/lib/structured-data';
import { homePath, sectionPath, storyPath } from '@/lib/urls';

/** The home page and its later pages: the lead story, then the latest stories newest first. */
export async function HomeView({ locale, page }: { locale: Locale; page: number }) {
  const listing = paginate(getStories(locale), page);
  if (!listing) return <NotFoundPage locale={locale} />;
  const t = await getTranslations({ locale });
  // The lead is the newest story in the reader's language; untranslated ones stay in the list, marked.
  const lead = page === 1 ? (listing.items.find((s) => s.locale === locale) ?? listing.items[0]) : undefined;
  const rest = listing.items.filter((s) => s !== lead);

  return (
    <PageShell locale={locale} alternates={otherLocales(locale).map((l) => ({ locale: l, href: homePath(l) }))} isHome={page === 1}>
      {page === 1 && (
        <JsonLd data={homeJsonLd(locale, { url: absoluteUrl(homePath(locale)), description: t('Metadata.siteDescription') })} />
      )}
      <div className="container">
        <h1 className={page === 1 ? 'visually-hidden' : 'page-title'}>
          {page === 1 ? `${siteName}: ${t('Home.title')}` : t('Metadata.pageTitle', { title: t('Home.title'), page })}
        </h1>
        {!lead && listing.items.length === 0 && <p>{t('Home.empty')}</p>}
        {lead && (
          <section className="lead-story" aria-labelledby="lead-story-title">
            {lead.image && (
              <a className="lead-image" href={storyPath(locale, lead.slug)} tabIndex={-1} aria-hidden="true">
                {/* eslint-disable-next-line @next/next/no-img-element -- sized by the article's front matter, like ArticleView */}
                <img src={lead.image.src} alt="" width={lead.image.width} height={lead.image.height} fetchPriority="high" />
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
        {rest.length > 0 && (
          <section id="latest" className="latest" aria-labelledby="latest-title" tabIndex={-1}>
            <h2 id="latest-title" className="section-heading">
              {t('Home.latest')}
            </h2>
            <StoryList locale={locale} stories={rest} />
          </section>
        )}
        <Pagination locale={locale} page={listing.page} pageCount={listing.pageCount} hrefFor={(p) => homePath(locale, p)} />
      </div>
    </PageShell>
  );
}
