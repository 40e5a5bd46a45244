import type { Metadata } from 'next';
import Link from 'next/link';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskLocale, deskTranslations, requireDeskUser } from '@/app/desk/session';
import { can } from '@/lib/desk/roles';
import { filterStories, parseStoryFilter, storyAuthors, STORY_STATES } from '@/lib/desk/stories';
import { AuthorFilter, listedStories, ReviewQueueLink, ScheduledCountdown } from '@/app/desk/ListWorkflow';
import { sectionIds } from '@/lib/site';
import { language, locales } from '@/i18n/languages';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('list.title') };
}

/**
 * Every story in every state, from the live content snapshot the site itself serves, filtered by a
 * plain GET form (works without JavaScript; the filters are in the URL, so a view can be shared).
 */
export default async function DeskStoryListPage({ searchParams }: PageProps<'/desk'>) {
  const user = await requireDeskUser('story.list');
  const [t, sections] = await Promise.all([deskTranslations(), getTranslations({ locale: deskLocale, namespace: 'Sections' })]);
  const filter = parseStoryFilter(await searchParams);
  const { all, now } = await listedStories();
  const stories = filterStories(all, filter);
  const { intlLocale, timeZone } = language(deskLocale);
  const when = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const languageName = (code: string) => language(code as (typeof locales)[number]).name;
  return (
    <>
      <DeskHeader user={user} />
      <main id="main" className="desk-main">
        <h1>{t('list.title')}</h1>
        {can(user.role, 'draft.write') ? (
          <p>
            <Link href="/desk/stories/new" className="desk-new">
              {t('list.new')}
            </Link>
          </p>
        ) : null}
        <ReviewQueueLink user={user} stories={all} />
        <form method="get" action="/desk" className="desk-filters" aria-label={t('list.filters')}>
          <div>
            <label htmlFor="filter-q">{t('list.search')}</label>
            <input id="filter-q" name="q" type="search" defaultValue={filter.query ?? ''} maxLength={200} />
          </div>
          <div>
            <label htmlFor="filter-state">{t('list.state')}</label>
            <select id="filter-state" name="state" defaultValue={filter.state ?? ''}>
              <option value="">{t('list.any')}</option>
              {STORY_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`states.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-lang">{t('list.language')}</label>
            <select id="filter-lang" name="lang" defaultValue={filter.locale ?? ''}>
              <option value="">{t('list.any')}</option>
              {locales.map((l) => (
                <option key={l} value={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-section">{t('list.section')}</label>
            <select id="filter-section" name="section" defaultValue={filter.section ?? ''}>
              <option value="">{t('list.any')}</option>
              {sectionIds.map((s) => (
                <option key={s} value={s}>
                  {sections(s)}
                </option>
              ))}
            </select>
          </div>
          <AuthorFilter authors={storyAuthors(all)} {...(filter.author ? { selected: filter.author } : {})} />
          <div className="desk-filter-actions">
            <button type="submit">{t('list.apply')}</button>
            <Link href="/desk">{t('list.reset')}</Link>
          </div>
        </form>
        <p role="status" className="desk-count">
          {t('list.count', { count: stories.length })}
        </p>
        {stories.length === 0 ? <p>{t('list.empty')}</p> : null}
        <ul className="desk-stories">
          {stories.map((story) => (
            <li key={`${story.locale}/${story.slug}`} className="desk-story" data-state={story.state} data-locale={story.locale}>
              <h2 lang={story.locale}>
                <Link href={`/desk/stories/${story.locale}/${story.slug}/edit`}>{story.title}</Link>
              </h2>
              <p className="desk-story-meta">
                <span className={`desk-state desk-state-${story.state}`}>{t(`states.${story.state}`)}</span>
                {story.state === 'scheduled' ? (
                  <span>
                    {' '}
                    <time dateTime={story.publishedAt}>{t('list.scheduledFor', { time: when.format(new Date(story.publishedAt)) })}</time>
                    <ScheduledCountdown story={story} now={now} />
                  </span>
                ) : null}
                <span> · {languageName(story.locale)}</span>
                <span> · {sections(story.section)}</span>
                <span>
                  {' · '}
                  <time dateTime={story.updatedAt}>{t('list.updated', { time: when.format(new Date(story.updatedAt)) })}</time>
                </span>
              </p>
              <p className="desk-story-languages">
                <span>
                  {t('list.languages')}: {story.languages.map(languageName).join(', ')}
                </span>
                {' · '}
                <span className={story.missing.length ? 'desk-missing' : undefined}>
                  {story.missing.length ? t('list.missing', { languages: story.missing.map(languageName).join(', ') }) : t('list.complete')}
                </span>
              </p>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
