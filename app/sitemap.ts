import type { MetadataRoute } from 'next';
import { getContentIndex } from '@/lib/content/index';
import { absoluteUrl, sectionIds } from '@/lib/site';
import { articlePath, homePath, localeAlternates, sectionPath, storyAlternates } from '@/lib/urls';

export const revalidate = 300;

/** Every public page at its canonical URL, with hreflang alternates for the versions that exist. */
export default function sitemap(): MetadataRoute.Sitemap {
  const index = getContentIndex();
  const newest = index.published[0]?.updatedAt;
  const listings = [
    { pathFor: (l: 'id' | 'en') => homePath(l), priority: 1 },
    ...sectionIds.map((id) => ({ pathFor: (l: 'id' | 'en') => sectionPath(l, id), priority: 0.7 })),
  ];
  const entries: MetadataRoute.Sitemap = listings.flatMap(({ pathFor, priority }) => {
    const languages = localeAlternates(pathFor);
    return (['id', 'en'] as const).map((l) => ({
      url: absoluteUrl(pathFor(l)),
      lastModified: newest,
      changeFrequency: 'hourly' as const,
      priority,
      alternates: { languages },
    }));
  });
  for (const article of index.published) {
    entries.push({
      url: absoluteUrl(articlePath(article)),
      lastModified: article.updatedAt,
      priority: 0.8,
      alternates: { languages: storyAlternates(index.byTranslation.get(article.translationId) ?? {}) },
    });
  }
  return entries;
}
