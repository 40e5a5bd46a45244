import Link from 'next/link';
import { deskLocale, deskTranslations } from '@/app/desk/session';
import type { DeskUser } from '@/lib/desk/accounts';
import { getSnapshot } from '@/lib/content/live';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { countdown } from '@/lib/desk/countdown';
import { can } from '@/lib/desk/roles';
import { deskStories, type DeskStory } from '@/lib/desk/stories';
import { language } from '@/i18n/languages';

/**
 * The story list's parts for the editorial workflow (issue 23): the review queue an editor works
 * through, the author filter, and the countdown to a scheduled story. Server-rendered; the list is
 * a plain GET form, so each is a link or a field of it.
 */

/** Every story of the live snapshot in its state as of now, "in review" from the desk's revisions. */
export async function listedStories(): Promise<{ all: DeskStory[]; now: number }> {
  await prepareDesk();
  const now = Date.now();
  return { all: deskStories(getSnapshot(), now, await deskStore().storiesInReview()), now };
}

/** For an account that may publish: how many stories wait for review, and a link to them. */
export async function ReviewQueueLink({ user, stories }: { user: DeskUser; stories: readonly DeskStory[] }) {
  if (!can(user.role, 'story.publish')) return null;
  const t = await deskTranslations();
  const waiting = stories.filter((s) => s.state === 'in-review').length;
  return (
    <p className="desk-review-queue">
      {waiting ? <Link href="/desk?state=in-review">{t('workflow.list.reviewQueue', { count: waiting })}</Link> : t('workflow.list.reviewQueue', { count: 0 })}
    </p>
  );
}

/** The author filter: the authors of every story, each once. */
export async function AuthorFilter({ authors, selected }: { authors: readonly string[]; selected?: string }) {
  const t = await deskTranslations();
  return (
    <div>
      <label htmlFor="filter-author">{t('workflow.list.author')}</label>
      <select id="filter-author" name="author" defaultValue={selected ?? ''}>
        <option value="">{t('list.any')}</option>
        {authors.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "(dalam 5 menit)" after a scheduled story's time, as of this render. */
export function ScheduledCountdown({ story, now }: { story: DeskStory; now: number }) {
  if (story.state !== 'scheduled') return null;
  return <span className="desk-countdown"> ({countdown(Date.parse(story.publishedAt), now, language(deskLocale).intlLocale)})</span>;
}
