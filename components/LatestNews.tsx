import { getTranslations } from 'next-intl/server';
import { StoryList } from '@/components/StoryList';
import { getLatestArticles } from '@/lib/content/queries';
import { latestNewsCount } from '@/lib/site';
import { type Locale } from '@/i18n/languages';

/** "Berita Terbaru" / "Latest News" under an article: the newest stories but the current one. */
export async function LatestNews({ locale, exclude }: { locale: Locale; exclude: string }) {
  const stories = getLatestArticles(locale, { exclude, limit: latestNewsCount });
  if (stories.length === 0) return null;
  const t = await getTranslations({ locale, namespace: 'LatestNews' });
  return (
    <aside className="latest-news" aria-labelledby="latest-news-title">
      <h2 id="latest-news-title" className="section-heading">
        {t('title')}
      </h2>
      <StoryList locale={locale} stories={stories} />
    </aside>
  );
}
