import { describe, expect, it } from 'vitest';
import { articleFixture } from '@/lib/content/article-fixture';
import { buildIndex } from '@/lib/content/index';
import { deskStories, filterStories, parseStoryFilter, storyAuthors } from '@/lib/desk/stories';
import { fallbackLocale, defaultLocale, locales } from '@/i18n/languages';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const other = locales.find((l) => l !== defaultLocale)!;

const articles = [
  articleFixture({ translationId: 'ai', slug: 'rencana-ai', title: 'Rencana AI Tiongkok', updatedAt: '2026-12-05T10:00:00+07:00', publishedAt: '2026-12-05T10:00:00+07:00' }),
  articleFixture({ translationId: 'ai', slug: 'ai-plan', locale: other, title: 'China’s AI plan', updatedAt: '2026-12-05T09:00:00+07:00', publishedAt: '2026-12-05T09:00:00+07:00' }),
  articleFixture({ translationId: 'draft', slug: 'draf-ekonomi', title: 'Draf Ekonomi Baru', section: 'business', status: 'draft', updatedAt: '2026-12-06T07:00:00+07:00' }),
  articleFixture({ translationId: 'later', slug: 'besok', title: 'Berita Besok', publishedAt: '2026-12-07T08:00:00+07:00', updatedAt: '2026-12-07T08:00:00+07:00' }),
  articleFixture({ translationId: 'down', slug: 'diturunkan', title: 'Berita Diturunkan', section: 'world', status: 'draft', updatedAt: '2026-12-01T08:00:00+07:00' }),
];
const snapshot = { articles, index: buildIndex(articles, undefined, { gone: new Set([`${defaultLocale}/diturunkan`]) }) };

describe('deskStories', () => {
  const stories = deskStories(snapshot, NOW);
  const bySlug = (slug: string) => stories.find((s) => s.slug === slug)!;

  it('lists every language version of every story, in the state an editor means', () => {
    expect(stories).toHaveLength(articles.length);
    expect(bySlug('rencana-ai').state).toBe('published');
    expect(bySlug('draf-ekonomi').state).toBe('draft');
    expect(bySlug('besok').state, 'published with a future time: scheduled').toBe('scheduled');
    expect(bySlug('diturunkan').state, 'a draft readers once had: taken down').toBe('taken-down');
  });

  it('names each story’s languages and the ones still missing', () => {
    expect(bySlug('ai-plan').languages).toEqual(locales.filter((l) => l === defaultLocale || l === other));
    expect(bySlug('ai-plan').missing).toEqual(locales.filter((l) => l !== defaultLocale && l !== other));
    expect(bySlug('draf-ekonomi').missing).toContain(other);
  });

  it('puts the most recently updated first', () => {
    expect(stories.map((s) => s.slug)).toEqual(['besok', 'draf-ekonomi', 'rencana-ai', 'ai-plan', 'diturunkan']);
  });

  it('filters by state, language and section, and searches titles by words in any case and accents', () => {
    expect(filterStories(stories, { state: 'draft' }).map((s) => s.slug)).toEqual(['draf-ekonomi']);
    expect(filterStories(stories, { locale: other }).map((s) => s.slug)).toEqual(['ai-plan']);
    expect(filterStories(stories, { section: 'world' }).map((s) => s.slug)).toEqual(['diturunkan']);
    expect(filterStories(stories, { query: '  ai   TIONGKOK ' }).map((s) => s.slug)).toEqual(['rencana-ai']);
    expect(filterStories(stories, { query: 'chína' }).map((s) => s.slug)).toEqual(['ai-plan']);
    expect(filterStories(stories, { state: 'published', section: 'business' })).toEqual([]);
  });
});

describe('parseStoryFilter', () => {
  it('reads the list’s query string, ignoring what it does not know rather than failing', () => {
    expect(parseStoryFilter({ state: 'scheduled', lang: fallbackLocale, section: 'world', q: ' ai ' })).toEqual({ state: 'scheduled', locale: fallbackLocale, section: 'world', query: 'ai' });
    expect(parseStoryFilter({ state: 'deleted', lang: 'fr', section: ['world', 'business'], q: '' })).toEqual({});
    expect(parseStoryFilter({ q: 'x'.repeat(5000) }).query).toHaveLength(200);
  });
});

describe('review, corrections and authors in the list', () => {
  const more = [
    ...articles,
    articleFixture({ translationId: 'review', slug: 'tinjauan', title: 'Menunggu Tinjauan', status: 'draft', author: 'Sari', updatedAt: '2026-12-06T01:00:00+07:00' }),
    articleFixture({ translationId: 'fixed', slug: 'dikoreksi', title: 'Dikoreksi', author: 'Budi', corrections: [{ at: '2025-07-26T11:00:00+07:00', note: 'Diperbaiki.' }], updatedAt: '2025-07-26T11:00:00+07:00' }),
  ];
  const snap = { articles: more, index: buildIndex(more, undefined, { gone: new Set([`${defaultLocale}/diturunkan`]) }) };
  const stories = deskStories(snap, NOW, new Set([`${defaultLocale}/review`, `${defaultLocale}/ai`]));
  const bySlug = (slug: string) => stories.find((s) => s.slug === slug)!;

  it('a draft submitted for review is in review; a published story stays published whatever its revisions', () => {
    expect(bySlug('tinjauan').state).toBe('in-review');
    expect(bySlug('rencana-ai').state).toBe('published');
    expect(filterStories(stories, { state: 'in-review' }).map((s) => s.slug)).toEqual(['tinjauan']);
  });

  it('a published story with corrections is corrected', () => {
    expect(bySlug('dikoreksi').state).toBe('corrected');
  });

  it('filters by author, and lists each author once', () => {
    expect(storyAuthors(stories)).toEqual(['Budi', 'Sari']);
    expect(filterStories(stories, { author: 'Sari' }).map((s) => s.slug)).toEqual(['tinjauan']);
    expect(parseStoryFilter({ author: ' Sari ', state: 'in-review' })).toEqual({ author: 'Sari', state: 'in-review' });
  });
});
