import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/PageShell';
import { locales, type Locale } from '@/lib/site';
import { homePath } from '@/lib/urls';

export async function NotFoundView({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  const other = locales.find((l) => l !== locale)!;
  return (
    <PageShell locale={locale} alternate={{ locale: other, href: homePath(other) }}>
      <div className="container not-found">
        <h1 className="page-title">{t('title')}</h1>
        <p>{t('body')}</p>
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
