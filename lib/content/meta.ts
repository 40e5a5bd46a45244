import type { Article } from '@/lib/content/parse';

/**
 * What an instance keeps in memory of every story: what routing, lists, feeds' and sitemaps'
 * choices, the desk's story list and the front cache's keys need. Nothing that grows with the
 * story's text: the body, summary, tags, source and corrections are read when the story is shown
 * (lib/content/details.ts). In the folder store every story is parsed anyway and the index holds
 * the whole Article (which is a StoryMeta); with PostgreSQL it holds only this (issue 26).
 */
// `image` (the lead photo, a few short fields) is for list thumbnails, share cards and which crops are served.
// `corrections` is there only when there are some (the desk lists a story as corrected).
export type StoryMeta = Pick<Article, 'file' | 'translationId' | 'slug' | 'locale' | 'section' | 'title' | 'status' | 'publishedAt' | 'updatedAt' | 'author' | 'image'> & {
  corrections?: Article['corrections'];
};

/** The stored form of a story's meta (the database's `meta` column): everything but the file, which is the row's key. */
export type StoredMeta = Omit<StoryMeta, 'file'>;

export function storyMeta(article: Article): StoryMeta {
  const { file, translationId, slug, locale, section, title, status, publishedAt, updatedAt, author, image, corrections } = article;
  const meta: StoryMeta = { file, translationId, slug, locale, section, title, status, publishedAt, updatedAt };
  if (author !== undefined) meta.author = author;
  if (image) meta.image = image;
  if (corrections.length) meta.corrections = corrections;
  return meta;
}

export function storedMeta(article: Article): StoredMeta {
  const stored: Partial<StoryMeta> = storyMeta(article);
  delete stored.file;
  return stored as StoredMeta;
}

/** True when `story` is a whole Article already (the folder store), not only its meta. */
export function isWholeArticle(story: StoryMeta): story is Article {
  return typeof (story as Partial<Article>).body === 'string';
}
