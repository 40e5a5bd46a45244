import { defaultLocale } from '@/i18n/languages';
import type { Article } from '@/lib/content/parse';

/** A valid published article for unit tests; each test overrides only what it is about. */
export function articleFixture(overrides: Partial<Article> = {}): Article {
  return {
    translationId: 'story',
    slug: 'cerita',
    locale: defaultLocale,
    title: 'Judul',
    summary: 'Ringkasan',
    section: 'technology',
    publishedAt: '2025-07-26T10:00:00+07:00',
    updatedAt: '2025-07-26T10:00:00+07:00',
    source: { name: 'Cnbc' },
    tags: [],
    corrections: [],
    status: 'published',
    file: 'id/cerita.md',
    body: 'Isi.',
    ...overrides,
  };
}
