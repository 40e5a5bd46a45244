import { getTranslations } from 'next-intl/server';
import { StoryList } from '@/components/StoryList';
import type { StoryMeta } from '@/lib/content/meta';
import { type Locale } from '@/i18n/languages';

/** "Berita Terbaru" / "Latest News" under an article: the stories the route chose, newest first. */
export async function LatestNews({ locale, stories }: { locale: Locale; stories: readonly StoryMeta[] }) {
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
