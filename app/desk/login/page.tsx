import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskTranslations, deskUser } from '@/app/desk/session';
import { deskStoreConfig } from '@/lib/desk/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('login.title') };
}

const PROBLEMS = ['invalid', 'locked', 'refused', 'storeDown'] as const;

/** The sign-in form: a plain POST to /api/desk/login, which answers back here with any problem. */
export default async function DeskLoginPage({ searchParams }: PageProps<'/desk/login'>) {
  const t = await deskTranslations();
  let unavailable: string | undefined;
  try {
    deskStoreConfig();
    if (await deskUser()) redirect('/desk');
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'DeskStoreUnavailableError') throw error;
    unavailable = error.message;
  }
  const params = await searchParams;
  const problem = PROBLEMS.find((p) => p === params.error);
  const minutes = Math.max(1, Math.min(60, Number(params.minutes) || 15));
  return (
    <>
      <DeskHeader />
      <main id="main" className="desk-login">
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        {unavailable ? (
          <p className="desk-alert" role="alert">
            {t('login.unavailable', { reason: unavailable })}
          </p>
        ) : null}
        {problem ? (
          <p className="desk-alert" role="alert" id="login-problem">
            {problem === 'locked' ? t('login.locked', { minutes }) : t(`login.${problem}`)}
          </p>
        ) : null}
        <form method="post" action="/api/desk/login" className="desk-form" aria-describedby={problem ? 'login-problem' : undefined}>
          <label htmlFor="email">{t('login.email')}</label>
          <input id="email" name="email" type="email" autoComplete="username" required maxLength={320} />
          <label htmlFor="password">{t('login.password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={1024} />
          <button type="submit">{t('login.submit')}</button>
        </form>
      </main>
    </>
  );
}
