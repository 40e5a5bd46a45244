import { getTranslations } from 'next-intl/server';
import type { Article } from '@/lib/content/parse';
import { formatShortDateTime } from '@/lib/format';
import { storyPath, sectionPath } from '@/lib/urls';
import { languageName, type Locale } from '@/i18n/languages';

interface StoryListProps {
  locale: Locale;
  stories: readonly Article[];
  /** The heading level of each story title, after the list's own heading. */
  headingLevel?: 'h2' | 'h3';
  showSection?: boolean;
}

/** A list of stories newest first: headline, section, localized date and time. */
export async function StoryList({ locale, stories, headingLevel = 'h3', showSection = true }: StoryListProps) {
  const t = await getTranslations({ locale });
  const Heading = headingLevel;
  return (
    <ol className="story-list">
      {stories.map((story) => {
        const foreign = story.locale !== locale;
        return (
          <li key={story.translationId} className="story-item">
            <Heading className="story-title" lang={foreign ? story.locale : undefined}>
              <a href={storyPath(locale, story.slug)}>{story.title}</a>
            </Heading>
            <p className="story-meta">
              {showSection && (
                <>
                  <a className="story-section" href={sectionPath(locale, story.section)}>
                    {t(`Sections.${story.section}`)}
                  </a>{' '}
                  <span aria-hidden="true">·</span>{' '}
                </>
              )}
              <time dateTime={story.publishedAt}>{formatShortDateTime(story.publishedAt, locale)}</time>
              {foreign && (
                <>
                  {' '}
                  <span aria-hidden="true">·</span>{' '}
                  <span className="story-language">{t('StoryList.inLanguage', { language: languageName(story.locale, locale) })}</span>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
