import Link from 'next/link';
import type { DeskUser } from '@/lib/desk/accounts';
import { deskTranslations } from '@/app/desk/session';
import { can } from '@/lib/desk/roles';

/** The desk's bar: where you are, who you are, and the way out (a form: no script needed). */
export async function DeskHeader({ user }: { user?: DeskUser }) {
  const t = await deskTranslations();
  return (
    // Named, so that its landmark differs from the reader page's header in the preview's frame.
    <header className="desk-bar" aria-label={t('title')}>
      <a className="desk-skip" href="#main">
        {t('skipToContent')}
      </a>
      <Link className="desk-brand" href="/desk">
        {t('title')}
      </Link>
      {user ? (
        <div className="desk-user">
          <span>{t('signedInAs', { email: user.email, role: t(`roles.${user.role}`) })}</span>
          {can(user.role, 'audit.read') ? <Link href="/desk/audit">{t('audit.nav')}</Link> : null}
          {can(user.role, 'account.manage') ? <Link href="/desk/accounts">{t('accounts.nav')}</Link> : null}
          <form method="post" action="/api/desk/logout">
            <button type="submit">{t('signOut')}</button>
          </form>
        </div>
      ) : null}
    </header>
  );
}
