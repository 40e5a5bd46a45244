import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/languages';

interface PaginationProps {
  locale: Locale;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}

export async function Pagination({ locale, page, pageCount, hrefFor }: PaginationProps) {
  if (pageCount <= 1) return null;
  const t = await getTranslations({ locale, namespace: 'Pagination' });
  return (
    <nav className="pagination" aria-label={t('label')}>
      {page > 1 && (
        <a href={hrefFor(page - 1)} rel="prev">
          {t('previous')}
        </a>
      )}
      <span aria-current="page">{t('status', { page, count: pageCount })}</span>
      {page < pageCount && (
        <a href={hrefFor(page + 1)} rel="next">
          {t('next')}
        </a>
      )}
    </nav>
  );
}
