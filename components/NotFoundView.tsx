import { getTranslations } from 'next-intl/server';
import { homeAlternates, PageShell } from '@/components/PageShell';
import { type Locale } from '@/i18n/languages';
import { homePath } from '@/lib/urls';

/** `gone`: a story the newsroom took down (410), rather than a URL that never named anything (404). */
export async function NotFoundView({ locale, gone = false }: { locale: Locale; gone?: boolean }) {
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return (
    <PageShell locale={locale} alternates={homeAlternates(locale)}>
      <div className="container not-found">
        <h1 className="page-title">{t(gone ? 'goneTitle' : 'title')}</h1>
        <p>{t(gone ? 'goneBody' : 'body')}</p>
        <ul>
          <li>
            <a href={homePath(locale)}>{t('home')}</a>
          </li>
          <li>
            <a href={`${homePath(locale)}#latest`}>{t('latest')}</a>
          </li>
        </ul>
      </div>
    </PageShell>
  );
}
