import { contentStore, currentSnapshot, onContentChange, storyHash, type ContentSnapshot } from '@/lib/content/live';
import { locales } from '@/i18n/languages';
import { logError } from '../observability/log.mjs';
import { isWholeArticle, type StoryMeta } from '@/lib/content/meta';
import { parseArticle, type Article } from '@/lib/content/parse';

/**
 * The whole story behind a StoryMeta of the content index: the story itself in the folder store,
 * which parses every file anyway; read from the database when it is shown, with the database store
 * (decision 031). Parsed stories are kept, most recently shown first, up to ARTICLE_CACHE_SIZE
 * (default 2,000): the stories on the home page and the ones being read are parsed once, and stay
 * readable for a while if the database goes away (rendered pages stay in the page cache besides).
 */

interface Cached {
  /** The store's hash of the source this was parsed from. */
  hash: string;
  article: Article;
}

const STATE = Symbol.for('kabar-kini.article-details');
const RECENT = Symbol.for('kabar-kini.recent-article-texts');

function cache(): Map<string, Cached> {
  const g = globalThis as typeof globalThis & { [STATE]?: Map<string, Cached> };
  return (g[STATE] ??= new Map());
}

/** The texts of each language's newest stories, kept apart from the LRU so that reading old stories never pushes them out. */
function recent(): Map<string, Cached> {
  const g = globalThis as typeof globalThis & { [RECENT]?: Map<string, Cached> };
  return (g[RECENT] ??= new Map());
}

const capacity = () => Math.max(1, Number(process.env.ARTICLE_CACHE_SIZE) || 2_000);

function remember(file: string, entry: Cached): void {
  const kept = cache();
  kept.delete(file);
  kept.set(file, entry);
  // A Map iterates in insertion order: the first key is the least recently shown.
  while (kept.size > capacity()) kept.delete(kept.keys().next().value!);
}

/**
 * The whole articles of `stories`, in their order; a story no longer in the store is left out. A
 * story whose source changed since the index was read (a publish in between) is shown as stored
 * now, with the index's meta over it, so that what routing and lists decided still holds.
 */
export async function loadArticles(stories: readonly StoryMeta[]): Promise<Article[]> {
  const kept = cache();
  const missing: StoryMeta[] = [];
  const held = recent();
  for (const story of stories) {
    if (isWholeArticle(story)) continue;
    const known = kept.get(story.file) ?? held.get(story.file);
    if (known && known.hash === storyHash(story.file)) remember(story.file, known);
    else missing.push(story);
  }
  if (missing.length) {
    const sources = (await contentStore().readSources?.(missing.map((s) => s.file))) ?? new Map<string, { source: string; hash: string }>();
    for (const story of missing) {
      const stored = sources.get(story.file);
      if (!stored) continue;
      const parsed = parseArticle(story.file, stored.source);
      remember(story.file, { hash: stored.hash, article: stored.hash === storyHash(story.file) ? parsed : { ...parsed, ...story } });
    }
  }
  return stories.flatMap((story) => (isWholeArticle(story) ? [story] : kept.has(story.file) ? [kept.get(story.file)!.article] : []));
}

/** One story's whole article (see loadArticles); undefined when it is no longer in the store. */
export async function loadArticle(story: StoryMeta): Promise<Article | undefined> {
  return (await loadArticles([story]))[0];
}

/**
 * Keeps the texts of each language's `count` newest stories (the feeds', the home pages' leads and
 * "Latest News") read ahead, again after every change, so that the pages most read, and the feeds,
 * render without waiting on the database and go on rendering while it is away (decision 031).
 * Does nothing with a store that holds every text already (the folder).
 */
export function keepRecentTextsLoaded(count: number): void {
  if (!contentStore().readSources) return;
  const load = (snapshot: ContentSnapshot) => {
    const perLanguage = new Map<string, number>();
    const newest: StoryMeta[] = [];
    for (const story of snapshot.index.published) {
      const taken = perLanguage.get(story.locale) ?? 0;
      if (taken >= count) continue;
      perLanguage.set(story.locale, taken + 1);
      newest.push(story);
      if (newest.length >= count * locales.length) break;
    }
    loadArticles(newest)
      .then((articles) => {
        const held = new Map<string, Cached>();
        for (const article of articles) {
          const hash = storyHash(article.file);
          if (hash) held.set(article.file, { hash, article });
        }
        const g = globalThis as typeof globalThis & { [RECENT]?: Map<string, Cached> };
        g[RECENT] = held;
      })
      .catch((error: unknown) => logError('[content] the newest stories could not be read ahead:', { err: error }));
  };
  load(currentSnapshot());
  onContentChange((_, after) => load(after));
}
