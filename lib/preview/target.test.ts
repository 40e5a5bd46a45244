import { describe, expect, it } from 'vitest';
import type { Article } from '@/lib/content/parse';
import { previewTargetPath } from '@/lib/preview/target';

function article(fields: Pick<Article, 'translationId' | 'slug' | 'locale'> & Partial<Article>): Article {
  return {
    title: 'Judul',
    summary: 'Ringkasan.',
    section: 'technology',
    publishedAt: '2025-07-30T09:00:00+07:00',
    updatedAt: '2025-07-30T09:00:00+07:00',
    source: { name: 'Cnbc' },
    tags: [],
    corrections: [],
    status: 'draft',
    file: `${fields.locale}/${fields.slug}.md`,
    body: 'Isi.',
    ...fields,
  };
}

const articles = [
  article({ translationId: 'explainer', slug: 'draf-penjelasan', locale: 'id' }),
  article({ translationId: 'explainer', slug: 'draft-explainer', locale: 'en' }),
  article({ translationId: 'id-only', slug: 'hanya-indonesia', locale: 'id' }),
  article({ translationId: 'clash', slug: 'same-slug', locale: 'id' }),
  article({ translationId: 'other', slug: 'same-slug', locale: 'en', status: 'published' }),
];

describe('previewTargetPath', () => {
  it("opens the story's version in the link's language, at its public path", () => {
    expect(previewTargetPath({ translationId: 'explainer', locale: 'id' }, articles)).toBe('/id/berita/draf-penjelasan');
    expect(previewTargetPath({ translationId: 'explainer', locale: 'en' }, articles)).toBe('/en/news/draft-explainer');
  });

  it('falls back to the other language version, shown under the link language', () => {
    expect(previewTargetPath({ translationId: 'id-only', locale: 'en' }, articles)).toBe('/en/news/hanya-indonesia');
  });

  it('finds nothing for a story that is gone, an unknown language, or a fallback path another story owns', () => {
    expect(previewTargetPath({ translationId: 'deleted', locale: 'id' }, articles)).toBeUndefined();
    expect(previewTargetPath({ translationId: 'explainer', locale: 'fr' }, articles)).toBeUndefined();
    expect(previewTargetPath({ translationId: 'clash', locale: 'en' }, articles)).toBeUndefined();
  });
});
