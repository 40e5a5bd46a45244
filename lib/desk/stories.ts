import type { ContentSnapshot } from '@/lib/content/live';
import type { StoryMeta } from '@/lib/content/meta';
import type { Article } from '@/lib/content/parse';
import { locales, type Locale } from '@/i18n/languages';
import { sectionIds, type SectionId } from '@/lib/site';

/**
 * The desk's story list: every language version of every story in the content store, in the state
 * an editor thinks of it (the store itself only knows "draft" and "published", plus takedowns), with
 * the story's other languages and the ones still missing. "In review" comes from the desk's own
 * revisions (a draft whose newest saved revision is a submission); "corrected" from the front matter.
 */
export const STORY_STATES = ['draft', 'in-review', 'scheduled', 'published', 'corrected', 'taken-down'] as const;
export type StoryState = (typeof STORY_STATES)[number];

export interface DeskStory {
  locale: Locale;
  slug: string;
  translationId: string;
  title: string;
  section: SectionId;
  /** The front matter's author, if any. */
  author?: string;
  state: StoryState;
  /** ISO date-time: when it goes (or went) live. */
  publishedAt: string;
  updatedAt: string;
  /** The languages this story exists in (any state), in the site's order. */
  languages: readonly Locale[];
  /** The site's languages it has no version in yet. */
  missing: readonly Locale[];
}

/** The desk's key of one language version of a story, as its revisions are kept: "locale/translationId". */
export const storyKey = (article: Pick<Article, 'locale' | 'translationId'>) => `${article.locale}/${article.translationId}`;

export function storyState(article: StoryMeta, gone: ReadonlySet<string>, now: number, inReview: ReadonlySet<string> = new Set()): StoryState {
  if (article.status === 'published') {
    if (Date.parse(article.publishedAt) > now) return 'scheduled';
    return article.corrections?.length ? 'corrected' : 'published';
  }
  if (inReview.has(storyKey(article))) return 'in-review';
  return gone.has(`${article.locale}/${article.slug}`) ? 'taken-down' : 'draft';
}

/** Per store read: every story's languages, and the stories most recently updated first (sorted once, not per page view). */
const arranged = new WeakMap<readonly StoryMeta[], { languagesOf: Map<string, Set<Locale>>; order: StoryMeta[] }>();

function arrange(articles: readonly StoryMeta[]) {
  let known = arranged.get(articles);
  if (!known) {
    const languagesOf = new Map<string, Set<Locale>>();
    for (const a of articles) {
      let set = languagesOf.get(a.translationId);
      if (!set) languagesOf.set(a.translationId, (set = new Set<Locale>()));
      set.add(a.locale);
    }
    const times = new Map(articles.map((a) => [a, Date.parse(a.updatedAt)]));
    const order = [...articles].sort((x, y) => times.get(y)! - times.get(x)! || x.slug.localeCompare(y.slug));
    arranged.set(articles, (known = { languagesOf, order }));
  }
  return known;
}

/** Every story of a snapshot, most recently updated first; `inReview` from the desk's store (storiesInReview). */
export function deskStories(snapshot: Pick<ContentSnapshot, 'articles' | 'index'>, now = Date.now(), inReview: ReadonlySet<string> = new Set()): DeskStory[] {
  const { languagesOf, order } = arrange(snapshot.articles);
  return order.map((a) => {
    const present = languagesOf.get(a.translationId)!;
    return {
      locale: a.locale,
      slug: a.slug,
      translationId: a.translationId,
      title: a.title,
      section: a.section,
      ...(a.author ? { author: a.author } : {}),
      state: storyState(a, snapshot.index.gone, now, inReview),
      publishedAt: a.publishedAt,
      updatedAt: a.updatedAt,
      languages: locales.filter((l) => present.has(l)),
      missing: locales.filter((l) => !present.has(l)),
    };
  });
}

export interface StoryFilter {
  state?: StoryState;
  locale?: Locale;
  section?: SectionId;
  /** The front matter's author, exactly. */
  author?: string;
  /** Words that must all appear in the title (any case, any accents). */
  query?: string;
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und');

export function filterStories(stories: readonly DeskStory[], { state, locale, section, author, query }: StoryFilter): DeskStory[] {
  const words = query ? fold(query).split(/\s+/).filter(Boolean) : [];
  return stories.filter(
    (s) =>
      (!state || s.state === state) &&
      (!locale || s.locale === locale) &&
      (!section || s.section === section) &&
      (!author || s.author === author) &&
      (!words.length || words.every((w) => fold(s.title).includes(w))),
  );
}

/** A filter from the list's query string: unknown values are ignored, never an error. */
export function parseStoryFilter(params: Record<string, string | string[] | undefined>): StoryFilter {
  const one = (key: string) => {
    const value = params[key];
    return typeof value === 'string' ? value : undefined;
  };
  const state = one('state');
  const locale = one('lang');
  const section = one('section');
  const query = one('q')?.trim().slice(0, 200);
  const author = one('author')?.trim().slice(0, 200);
  return {
    ...((STORY_STATES as readonly string[]).includes(state ?? '') ? { state: state as StoryState } : {}),
    ...((locales as readonly string[]).includes(locale ?? '') ? { locale: locale as Locale } : {}),
    ...((sectionIds as readonly string[]).includes(section ?? '') ? { section: section as SectionId } : {}),
    ...(author ? { author } : {}),
    ...(query ? { query } : {}),
  };
}

/** The authors of a list's stories, for its filter: each once, in alphabetical order. */
export function storyAuthors(stories: readonly DeskStory[]): string[] {
  return [...new Set(stories.flatMap((s) => (s.author ? [s.author] : [])))].sort((a, b) => a.localeCompare(b));
}
