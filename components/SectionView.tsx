import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/PageShell';
import { Pagination } from '@/components/Pagination';
import { StoryList } from '@/components/StoryList';
import type { StoryMeta } from '@/lib/content/meta';
import { type SectionId } from '@/lib/site';
import { otherLocales, type Locale } from '@/i18n/languages';
import { sectionPath } from '@/lib/urls';

interface SectionViewProps {
  locale: Locale;
  section: SectionId;
  /** The page's stories, newest first. */
  stories: readonly StoryMeta[];
  page: number;
  pageCount: number;
}

/** A section's stories, newest first, paginated. */
export async function SectionView({ locale, section, stories, page, pageCount }: SectionViewProps) {
  const t = await getTranslations({ locale });
  const name = t(`Sections.${section}`);
  return (
    <PageShell locale={locale} alternates={otherLocales(locale).map((l) => ({ locale: l, href: sectionPath(l, section) }))} currentSection={section}>
      <div className="container">
        <h1 className="page-title">{page > 1 ? t('Metadata.pageTitle', { title: name, page }) : name}</h1>
        {stories.length === 0 ? (
          <p>{t('Section.empty')}</p>
        ) : (
          <StoryList locale={locale} stories={stories} headingLevel="h2" showSection={false} eagerThumbnails={2} />
        )}
        <Pagination locale={locale} page={page} pageCount={pageCount} hrefFor={(p) => sectionPath(locale, section, p)} />
      </div>
    </PageShell>
  );
}
