import { storyKeyOf } from '@/lib/content/index';
import type { ContentSnapshot } from '@/lib/content/live';
import { feedSize, latestNewsCount } from '@/lib/site';
import { locales, sectionFromSlug, type Locale } from '@/i18n/languages';
import { homePath, searchPath, sectionPath, storyPath } from '@/lib/urls';
import { parseChildName, PAGES_SITEMAP, SITEMAPS_FOLDER, sitemapMonthOf } from '@/lib/seo/sitemap-archive';

/**
 * Surrogate keys for the front cache (docs/decisions/007-varnish-front-cache.md): every response
 * names what it shows, so a publish can drop exactly the pages it changes.
 *
 * - `story-<translationId>`: a story's pages in every language (also as a fallback, a redirect, a
 *   410) and its share image;
 * - `latest-<locale>`: every article page of that language ("Latest News" under it);
 * - `list-home-<locale>`, `list-section-<locale>-<section>`: every page of a list;
 * - `feed-<locale>` (RSS and Atom), `sitemap` (the sitemap index, the listing pages' child and
 *   the news sitemap: they change with every publish);
 * - `sitemap-<YYYY-MM>`: a month's child sitemaps (every part), which change only when a story
 *   published in that month (UTC) does, or its translations: kept long, purged by this key;
 * - `search-<locale>`: every answer of that language's search page (any change of a story in that
 *   language may change any search's results: they are purged together, and kept a minute at most);
 * - `missing`: every 404 and 410 (a story published at a URL asked for before);
 * - `all` on everything.
 */
export const ALL = 'all';
/** Past this many changed stories a purge names `all` rather than a header of thousands of keys. */
export const MAX_STORIES_PER_PURGE = 100;

interface Prefixes {
  story: Set<string>;
  home: Set<string>;
  section: Set<string>;
  search: Set<string>;
}

let prefixes: Map<string, Prefixes> | undefined;

/** The first path segment of each kind of page, per language: the public one and the internal one. */
function segmentsOf(locale: Locale): Prefixes {
  prefixes ??= new Map(
    locales.map((l) => {
      const second = (path: string) => path.split('/')[2]!;
      return [
        l,
        {
          story: new Set([second(storyPath(l, 'x')), 'news']),
          home: new Set([second(homePath(l, 2)), 'page']),
          section: new Set([second(sectionPath(l, 'world')), 'section']),
          search: new Set([second(searchPath(l)), 'search']),
        },
      ];
    }),
  );
  return prefixes.get(locale)!;
}

let hiddenIds: { version: string; bySlug: Map<string, string> } | undefined;

/**
 * translationId of "locale/slug": visible, embargoed, draft, taken down or moved. The visible ones
 * come from the index itself; only the others (drafts, embargoes: few) are kept here per version,
 * so a million published stories are not copied into a map of their own at every publish.
 */
function storyIdOf(snapshot: ContentSnapshot, locale: Locale, slug: string): string | undefined {
  if (hiddenIds?.version !== snapshot.version) {
    const bySlug = new Map<string, string>();
    for (const a of snapshot.articles) {
      const key = storyKeyOf(a);
      if (!snapshot.index.bySlug.has(key)) bySlug.set(key, a.translationId);
    }
    hiddenIds = { version: snapshot.version, bySlug };
  }
  // A page may show another language's story under its slug (the fallback).
  for (const l of [locale, ...locales.filter((other) => other !== locale)]) {
    const key = `${l}/${slug}`;
    const id = snapshot.index.bySlug.get(key)?.translationId ?? hiddenIds.bySlug.get(key) ?? snapshot.index.renamed.get(key);
    if (id) return id;
  }
  return undefined;
}

/** A malformed escape (a hostile URL) is no story's slug, and must not fail the response. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The keys of the response to `path` (public or internal), from the snapshot the response was made from. */
export function surrogateKeysFor(path: string, status: number, snapshot: ContentSnapshot): string {
  const keys = [ALL];
  if (status === 404 || status === 410) keys.push('missing');
  const [first, kind, name, extra] = path.split('/').slice(1);
  if (first === 'sitemap.xml' || first === 'sitemap-news.xml') keys.push('sitemap');
  if (first === SITEMAPS_FOLDER && kind && name === undefined) {
    if (kind === `${PAGES_SITEMAP}.xml`) keys.push('sitemap');
    else {
      const child = parseChildName(kind);
      if (child) keys.push(`sitemap-${child.month}`);
    }
  }
  const locale = locales.find((l) => l === first);
  if (!locale) return keys.join(' ');
  const seg = segmentsOf(locale);
  if (!kind || (seg.home.has(kind) && name && !extra)) keys.push(`list-home-${locale}`);
  else if (kind === 'feed.xml' || kind === 'atom.xml') keys.push(`feed-${locale}`);
  else if (seg.search.has(kind) && !name) keys.push(`search-${locale}`);
  else if (seg.section.has(kind) && name) {
    const section = sectionFromSlug(locale, name);
    if (section) keys.push(`list-section-${locale}-${section}`);
  } else if (seg.story.has(kind) && name) {
    const id = storyIdOf(snapshot, locale, safeDecode(name));
    if (id) keys.push(`story-${id}`);
    if (!extra) keys.push(`latest-${locale}`);
  }
  return keys.join(' ');
}

/**
 * The keys a change of content touches: each story whose visible versions differ between the two
 * snapshots (article objects are reused while a file is unchanged, so identity is enough), and
 * each list, feed and "Latest News" it was or is in.
 */
export function affectedKeys(before: ContentSnapshot, after: ContentSnapshot): string[] {
  // One pass over each index, no copies: at a million stories this runs at every publish.
  const changed: string[] = [];
  const differs = (old: Partial<Record<Locale, unknown>> = {}, now: Partial<Record<Locale, unknown>> = {}) => locales.some((l) => old[l] !== now[l]);
  for (const [id, now] of after.index.byTranslation) if (differs(before.index.byTranslation.get(id), now)) changed.push(id);
  for (const [id, old] of before.index.byTranslation) if (!after.index.byTranslation.has(id) && differs(old, undefined)) changed.push(id);
  const goneChanged = before.index.gone.size !== after.index.gone.size || [...after.index.gone].some((k) => !before.index.gone.has(k));
  if (!changed.length && !goneChanged) return [];
  if (changed.length > MAX_STORIES_PER_PURGE) return [ALL];
  const keys = new Set<string>(['sitemap', 'missing']);
  // The month children a story is in: each version's URL is in its month's, with the alternates of
  // every version, so a new translation changes the other versions' months too.
  for (const id of changed) {
    for (const snapshot of [before, after]) {
      for (const a of Object.values(snapshot.index.byTranslation.get(id) ?? {})) keys.add(`sitemap-${sitemapMonthOf(a)}`);
    }
  }
  // Where a story sits in a language's list: only the changed ones are looked for (a few).
  const rankOf = (snapshot: ContentSnapshot, locale: Locale, id: string) => {
    const rank = snapshot.index.storiesFor[locale].findIndex((a) => a.translationId === id);
    return rank < 0 ? undefined : rank;
  };
  for (const locale of locales) {
    for (const id of changed) {
      keys.add(`story-${id}`);
      // The searches of the languages the story is (or was) written in.
      if (before.index.byTranslation.get(id)?.[locale] || after.index.byTranslation.get(id)?.[locale]) keys.add(`search-${locale}`);
      const positions = [rankOf(before, locale, id), rankOf(after, locale, id)].filter((p): p is number => p !== undefined);
      if (!positions.length) continue;
      keys.add(`list-home-${locale}`);
      for (const snapshot of [before, after]) {
        for (const a of Object.values(snapshot.index.byTranslation.get(id) ?? {})) keys.add(`list-section-${locale}-${a.section}`);
      }
      // "Latest News" lists the newest stories but the page's own: one more than it shows.
      if (Math.min(...positions) <= latestNewsCount) keys.add(`latest-${locale}`);
      if (Math.min(...positions) < feedSize) keys.add(`feed-${locale}`);
    }
  }
  return [...keys];
}
