import type { Metadata } from 'next';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskTranslations, requireDeskUser } from '@/app/desk/session';
import { listAccounts } from '@/lib/desk/accounts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('accounts.title') };
}

const DONE = ['end-sessions', 'disable', 'enable'] as const;

/** Accounts, for admins: end all of someone's sessions, disable or enable an account. */
export default async function DeskAccountsPage({ searchParams }: PageProps<'/desk/accounts'>) {
  const user = await requireDeskUser('account.manage');
  const t = await deskTranslations();
  const accounts = await listAccounts();
  const params = await searchParams;
  const done = DONE.find((d) => d === params.done);
  const doneEmail = typeof params.email === 'string' ? params.email : '';
  return (
    <>
      <DeskHeader user={user} />
      <main id="main" className="desk-main">
        <h1>{t('accounts.title')}</h1>
        <p>{t('accounts.intro')}</p>
        {done ? (
          <p role="status" className="desk-note">
            {t(`accounts.done.${done}`, { email: doneEmail })}
          </p>
        ) : null}
        <ul className="desk-stories">
          {accounts.map((account) => (
            <li key={account.id} className="desk-story desk-account" data-email={account.email}>
              <h2>{account.email}</h2>
              <p className="desk-story-meta">
                {t(`roles.${account.role}`)} · {account.disabled ? t('accounts.disabled') : t('accounts.active')}
              </p>
              <div className="desk-actions">
                <form method="post" action="/api/desk/accounts">
                  <input type="hidden" name="email" value={account.email} />
                  <button type="submit" name="action" value="end-sessions" aria-label={t('accounts.endSessionsOf', { email: account.email })}>
                    {t('accounts.endSessions')}
                  </button>
                </form>
                {account.id === user.id ? null : (
                  <form method="post" action="/api/desk/accounts">
                    <input type="hidden" name="email" value={account.email} />
                    <button
                      type="submit"
                      name="action"
                      value={account.disabled ? 'enable' : 'disable'}
                      aria-label={t(account.disabled ? 'accounts.enableOf' : 'accounts.disableOf', { email: account.email })}
                    >
                      {t(account.disabled ? 'accounts.enable' : 'accounts.disable')}
                    </button>
                  </form>
                )}
              </div>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
