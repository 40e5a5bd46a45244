import { getTranslations } from 'next-intl/server';
import { StoryThumbnail } from '@/components/Photo';
import type { StoryMeta } from '@/lib/content/meta';
import { photoRefOf } from '@/lib/media/picture';
import { formatShortDateTime } from '@/lib/format';
import { storyPath, sectionPath } from '@/lib/urls';
import { languageName, type Locale } from '@/i18n/languages';

interface StoryListProps {
  locale: Locale;
  stories: readonly StoryMeta[];
  /** The heading level of each story title, after the list's own heading. */
  headingLevel?: 'h2' | 'h3';
  showSection?: boolean;
  /** How many thumbnails are on the first screen (fetched at once); the rest load lazily. */
  eagerThumbnails?: number;
}

/** A list of stories newest first: headline, section, localized date and time, and the photo's thumbnail when it has one. */
export async function StoryList({ locale, stories, headingLevel = 'h3', showSection = true, eagerThumbnails = 0 }: StoryListProps) {
  const t = await getTranslations({ locale });
  const Heading = headingLevel;
  return (
    <ol className="story-list">
      {stories.map((story, index) => {
        const foreign = story.locale !== locale;
        const thumbnail = story.image && photoRefOf(story.image) ? story.image : undefined;
        return (
          <li key={story.translationId} className={thumbnail ? 'story-item has-thumb' : 'story-item'}>
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
            {thumbnail && (
              <a className="story-thumb" href={storyPath(locale, story.slug)} tabIndex={-1} aria-hidden="true">
                <StoryThumbnail image={thumbnail} eager={index < eagerThumbnails} />
              </a>
            )}
          </li>
        );
      })}
    </ol>
  );
}
