import type { Metadata } from 'next';
import Link from 'next/link';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskLocale, deskTranslations, requireDeskUser } from '@/app/desk/session';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { can } from '@/lib/desk/roles';
import { language } from '@/i18n/languages';
import '@/app/desk/history.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('audit.title') };
}

const PAGE_SIZE = 50;
/** The actions the filter offers: families ("story." is every story action) and the common ones. */
const ACTION_CHOICES = [
  'story.',
  'story.publish',
  'story.save-draft',
  'story.update',
  'story.schedule',
  'story.unschedule',
  'story.takedown',
  'story.restore',
  'story.remove',
  'content.notify',
  'session.',
  'account.',
] as const;

const textParam = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/**
 * The audit log, for editors and admins: who did what, when, to what, newest first, from the desk,
 * `npm run publish` ("cli"), the publish notification ("webhook") and `npm run desk:user`. Filtered
 * by a plain GET form (the filters are in the URL), 50 a page.
 */
export default async function DeskAuditPage({ searchParams }: PageProps<'/desk/audit'>) {
  const user = await requireDeskUser('story.list');
  const t = await deskTranslations();
  if (!can(user.role, 'audit.read')) {
    return (
      <>
        <DeskHeader user={user} />
        <main id="main" className="desk-main">
          <h1>{t('audit.forbiddenTitle')}</h1>
          <p className="desk-alert" role="alert">
            {t('audit.forbidden')}
          </p>
          <p>
            <Link href="/desk">{t('audit.back')}</Link>
          </p>
        </main>
      </>
    );
  }
  const params = await searchParams;
  const actor = textParam(params.actor, 320);
  const target = textParam(params.target, 300);
  const action = /^[a-z][a-z.-]{0,59}$/.test(textParam(params.action, 60)) ? textParam(params.action, 60) : '';
  const page = Math.min(Math.max(Number.parseInt(textParam(params.page, 6), 10) || 1, 1), 100_000);
  await prepareDesk();
  const found = await deskStore().listAudit({ limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(target ? { target } : {}) });
  const entries = found.slice(0, PAGE_SIZE);
  const { intlLocale, timeZone } = language(deskLocale);
  const when = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const pageLink = (n: number) => {
    const query = new URLSearchParams({ ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(target ? { target } : {}), ...(n > 1 ? { page: String(n) } : {}) });
    return `/desk/audit${query.size ? `?${query}` : ''}`;
  };
  return (
    <>
      <DeskHeader user={user} />
      <main id="main" className="desk-main">
        <h1>{t('audit.title')}</h1>
        <p>{t('audit.intro')}</p>
        <form method="get" action="/desk/audit" className="desk-filters desk-audit-filters" aria-label={t('audit.filters')}>
          <div>
            <label htmlFor="audit-actor">{t('audit.actor')}</label>
            <input id="audit-actor" name="actor" type="search" defaultValue={actor} maxLength={320} />
          </div>
          <div>
            <label htmlFor="audit-action">{t('audit.action')}</label>
            <select id="audit-action" name="action" defaultValue={action}>
              <option value="">{t('audit.anyAction')}</option>
              {[...ACTION_CHOICES, ...((ACTION_CHOICES as readonly string[]).includes(action) || !action ? [] : [action])].map((a) => (
                <option key={a} value={a}>
                  {a.endsWith('.') ? t('audit.family', { prefix: a }) : a}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-target">{t('audit.target')}</label>
            <input id="audit-target" name="target" type="search" defaultValue={target} maxLength={300} />
          </div>
          <div className="desk-filter-actions">
            <button type="submit">{t('audit.apply')}</button>
            <Link href="/desk/audit">{t('audit.reset')}</Link>
          </div>
        </form>
        <p role="status" className="desk-count">
          {t('audit.count', { count: entries.length, page })}
        </p>
        {entries.length === 0 ? <p>{t('audit.empty')}</p> : null}
        <ol className="desk-audit">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`} data-actor={e.actor} data-action={e.action}>
              <dl>
                <dt>{t('audit.when')}</dt>
                <dd>
                  <time dateTime={new Date(e.at).toISOString()}>{when.format(new Date(e.at))}</time>
                </dd>
                <dt>{t('audit.actor')}</dt>
                <dd>{e.actor}</dd>
                <dt>{t('audit.action')}</dt>
                <dd>
                  <code>{e.action}</code>
                </dd>
                <dt>{t('audit.target')}</dt>
                <dd>{e.target}</dd>
                {e.detail ? (
                  <>
                    <dt>{t('audit.detail')}</dt>
                    <dd>{e.detail}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
        {page > 1 || found.length > PAGE_SIZE ? (
          <nav className="desk-pages" aria-label={t('audit.pages')}>
            {page > 1 ? <Link href={pageLink(page - 1)}>{t('audit.newer')}</Link> : null}
            {found.length > PAGE_SIZE ? <Link href={pageLink(page + 1)}>{t('audit.older')}</Link> : null}
          </nav>
        ) : null}
      </main>
    </>
  );
}
