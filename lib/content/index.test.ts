import { describe, expect, it, vi } from 'vitest';
import { articleFixture } from '@/lib/content/article-fixture';
import { buildIndex } from '@/lib/content/index';

// The site as it would be with a third language file (e2e/fixtures/third-language): with two, a
// story missing in the reader's language has at most one other version, so the case cannot arise.
vi.mock('@/i18n/languages', () => ({ locales: ['id', 'en', 'ms'], defaultLocale: 'id', fallbackLocale: 'en' }));

type Code = 'id' | 'en' | 'ms';
const version = (translationId: string, locale: Code, slug = `${translationId}-${locale}`) =>
  articleFixture({ translationId, locale: locale as 'id', slug, file: `${locale}/${slug}.md` });

describe('storiesFor, with three languages', () => {
  const inAll = ['id', 'en', 'ms'].map((l) => version('in-all', l as Code));
  const idAndEn = ['id', 'en'].map((l) => version('id-and-en', l as Code));
  const idAndMs = ['id', 'ms'].map((l) => version('id-and-ms', l as Code));
  const msOnly = version('ms-only', 'ms');
  const { storiesFor } = buildIndex([...inAll, ...idAndEn, ...idAndMs, msOnly]);
  const shown = (locale: Code) => storiesFor[locale as 'id'].map((a) => `${a.translationId}:${a.locale}`).sort();

  it('lists each story once for every reader', () => {
    for (const locale of ['id', 'en', 'ms'] as const) expect(shown(locale)).toHaveLength(4);
  });

  it('shows the reader’s own version, else the fallback language’s, else the first in the site’s order', () => {
    expect(shown('ms')).toEqual(['id-and-en:en', 'id-and-ms:ms', 'in-all:ms', 'ms-only:ms']);
    expect(shown('en')).toEqual(['id-and-en:en', 'id-and-ms:id', 'in-all:en', 'ms-only:ms']);
    expect(shown('id')).toEqual(['id-and-en:id', 'id-and-ms:id', 'in-all:id', 'ms-only:ms']);
  });
});
