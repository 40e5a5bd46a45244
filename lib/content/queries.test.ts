import { describe, expect, it } from 'vitest';
import { articleFixture } from '@/lib/content/article-fixture';
import { buildIndex } from '@/lib/content/index';
import { findHomePage, findSectionPage } from '@/lib/content/queries';
import { pageSize } from '@/lib/site';

/** `count` Indonesian world stories a day apart, newest first, and one newer English-only technology story. */
function indexOf(count: number) {
  const world = Array.from({ length: count }, (_, i) =>
    articleFixture({
      translationId: `world-${i}`,
      slug: `dunia-${i}`,
      section: 'world',
      publishedAt: new Date(Date.UTC(2025, 6, 26 - i)).toISOString(),
    }),
  );
  const englishOnly = articleFixture({ translationId: 'english-only', slug: 'english-only', locale: 'en', publishedAt: '2025-07-27T09:00:00Z' });
  return { index: buildIndex([...world, englishOnly]), world, englishOnly };
}

describe('findHomePage', () => {
  it('leads the first page with the newest story in the reader’s language; a newer untranslated one stays in the list', () => {
    const { index, world, englishOnly } = indexOf(3);
    expect(findHomePage('id', undefined, index)).toEqual({ kind: 'list', lead: world[0], stories: [englishOnly, world[1], world[2]], page: 1, pageCount: 1 });
  });

  it('has no lead on later pages, and pages of pageSize stories', () => {
    const { index, world } = indexOf(pageSize + 5);
    const second = findHomePage('id', '2', index);
    expect(second).toMatchObject({ kind: 'list', lead: undefined, page: 2, pageCount: 2 });
    expect(second.kind === 'list' && second.stories).toEqual(world.slice(pageSize - 1));
  });

  it('has a first page when there is nothing to list', () => {
    expect(findHomePage('en', undefined, buildIndex([]))).toEqual({ kind: 'list', lead: undefined, stories: [], page: 1, pageCount: 1 });
  });

  it('is missing past the last page and for page segments that are not canonical numbers', () => {
    const { index } = indexOf(3);
    for (const page of ['2', '0', '01', '1.0', '1e3', '-1', 'x', '']) {
      expect(findHomePage('id', page, index), page).toEqual({ kind: 'missing' });
    }
    expect(findHomePage('id', '1', index).kind).toBe('list');
  });
});

describe('findSectionPage', () => {
  it('finds a section by its slug in the reader’s language', () => {
    const { index, world } = indexOf(2);
    expect(findSectionPage('id', 'dunia', undefined, index)).toEqual({ kind: 'list', section: 'world', stories: world, page: 1, pageCount: 1 });
    expect(findSectionPage('en', 'world', '1', index)).toMatchObject({ kind: 'list', section: 'world', page: 1 });
  });

  it('is missing for another language’s slug, an unknown section or a page past the last', () => {
    const { index } = indexOf(2);
    expect(findSectionPage('id', 'world', undefined, index)).toEqual({ kind: 'missing' });
    expect(findSectionPage('id', 'olahraga', undefined, index)).toEqual({ kind: 'missing' });
    expect(findSectionPage('id', 'dunia', '2', index)).toEqual({ kind: 'missing' });
  });

  it('lists an empty section on its first page', () => {
    const { index } = indexOf(2);
    expect(findSectionPage('id', 'ekonomi', undefined, index)).toEqual({ kind: 'list', section: 'business', stories: [], page: 1, pageCount: 1 });
  });
});
