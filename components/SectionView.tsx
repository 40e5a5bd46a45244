import { getTranslations } from 'next-intl/server';
import { NotFoundPage } from '@/components/NotFoundPage';
import { PageShell } from '@/components/PageShell';
import { Pagination } from '@/components/Pagination';
import { StoryList } from '@/components/StoryList';
import { getStories, paginate } from '@/lib/content/queries';
import { type SectionId } from '@/lib/site';
import { otherLocales, type Locale } from '@/i18n/languages';
import { sectionPath } from '@/lib/urls';

/** A section's stories, newest first, paginated. */
export async function SectionView({ locale, section, page }: { locale: Locale; section: SectionId; page: number }) {
  const listing = paginate(getStories(locale, { section }), page);
  if (!listing) return <NotFoundPage locale={locale} />;
  const t = await getTranslations({ locale });
  const name = t(`Sections.${section}`);
  return (
    <PageShell locale={locale} alternates={otherLocales(locale).map((l) => ({ locale: l, href: sectionPath(l, section) }))} currentSection={section}>
      <div className="container">
        <h1 className="page-title">{page > 1 ? t('Metadata.pageTitle', { title: name, page }) : name}</h1>
        {listing.items.length === 0 ? (
          <p>{t('Section.empty')}</p>
        ) : (
          <StoryList locale={locale} stories={listing.items} headingLevel="h2" showSection={false} />
        )}
        <Pagination locale={locale} page={listing.page} pageCount={listing.pageCount} hrefFor={(p) => sectionPath(locale, section, p)} />
      </div>
    </PageShell>
  );
}
