import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskLocale, deskTranslations, requireDeskUser } from '@/app/desk/session';
import { RevisionDiff } from '@/app/desk/stories/RevisionDiff';
import { getSnapshot } from '@/lib/content/live';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { diffRevisions } from '@/lib/desk/revision-diff';
import { parseStoryFile } from '@/lib/desk/story-actions';
import { language } from '@/i18n/languages';
import '@/app/desk/history.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('history.title') };
}

const REVISIONS_SHOWN = 200;

/**
 * Every saved revision of one language version of a story (who, which button, when), two of them
 * picked with a plain GET form (radio buttons: works without JavaScript, and the comparison has a
 * URL), and the word diff between them. Restoring one loads it into the edit form, unsaved: the
 * editor then chooses the button (save a draft, or save the live story), as for any edit.
 */
export default async function StoryRevisionsPage({ params, searchParams }: PageProps<'/desk/stories/[locale]/[slug]/revisions'>) {
  const user = await requireDeskUser('draft.write');
  const { locale, slug } = await params;
  const file = `${locale}/${slug}.md`;
  if (!parseStoryFile(file)) notFound();
  const story = getSnapshot().articles.find((a) => a.file === file);
  if (!story) notFound();
  const t = await deskTranslations();
  await prepareDesk();
  const revisions = await deskStore().listRevisions(`${story.locale}/${story.translationId}`, REVISIONS_SHOWN);
  const query = await searchParams;
  const picked = (key: string) => (typeof query[key] === 'string' && /^\d{1,12}$/.test(query[key]) ? Number(query[key]) : undefined);
  const asked = { from: picked('from'), to: picked('to') };
  const from = asked.from ?? revisions[1]?.id;
  const to = asked.to ?? revisions[0]?.id;
  const older = revisions.find((r) => r.id === from);
  const newer = revisions.find((r) => r.id === to);
  const problem = (asked.from !== undefined || asked.to !== undefined) && (!older || !newer) ? t('history.unknown') : older && newer && older.id === newer.id ? t('history.pickTwo') : undefined;
  const { intlLocale, timeZone } = language(deskLocale);
  const when = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const editPath = `/desk/stories/${locale}/${slug}/edit`;
  return (
    <>
      <DeskHeader user={user} />
      <main id="main" className="desk-main desk-history">
        <h1>{t('history.title')}</h1>
        <p lang={story.locale} className="desk-story-meta">
          <strong>{story.title}</strong>
        </p>
        <p>
          <Link href={editPath}>{t('history.backToForm')}</Link>
        </p>
        {problem ? (
          <p className="desk-alert" role="alert">
            {problem}
          </p>
        ) : null}
        {revisions.length === 0 ? (
          <p>{t('history.none')}</p>
        ) : (
          <form method="get" action={`/desk/stories/${locale}/${slug}/revisions`}>
            <table>
              <caption>{t('history.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.revision')}</th>
                  <th scope="col" className="desk-pick">
                    {t('history.from')}
                  </th>
                  <th scope="col" className="desk-pick">
                    {t('history.to')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {revisions.map((r) => (
                  <tr key={r.id} data-revision={r.id}>
                    <th scope="row">
                      <strong>{t('history.number', { id: r.id })}</strong> <time dateTime={new Date(r.at).toISOString()}>{when.format(new Date(r.at))}</time>
                      <br />
                      {r.actor} · {t(`edit.revisions.actions.${r.action}`)}
                      <br />
                      <Link href={`${editPath}?from=${r.id}`}>{t('history.restore', { id: r.id })}</Link>
                    </th>
                    <td className="desk-pick">
                      <input type="radio" name="from" value={r.id} defaultChecked={r.id === from} aria-label={t('history.fromLabel', { id: r.id })} />
                    </td>
                    <td className="desk-pick">
                      <input type="radio" name="to" value={r.id} defaultChecked={r.id === to} aria-label={t('history.toLabel', { id: r.id })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <button type="submit">{t('history.compare')}</button>
            </p>
          </form>
        )}
        {older && newer && older.id !== newer.id ? <RevisionDiff from={older.id} to={newer.id} diff={diffRevisions(older.source, newer.source)} /> : null}
      </main>
    </>
  );
}
