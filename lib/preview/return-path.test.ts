import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '@/lib/preview/return-path';

describe('safeReturnPath', () => {
  it.each(['/id', '/en', '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global', '/en/news/eric-schmidt-urges-us-china-cooperation-on-ai'])(
    'keeps our own page %s',
    (path) => {
      expect(safeReturnPath(path, '/id')).toBe(path);
    },
  );

  it.each([
    'https://evil.example/',
    '//evil.example/id',
    '/id//evil.example',
    '/\\evil.example',
    '/id/\\evil.example',
    '/id/%2f%2fevil.example',
    '/fr/news/x',
    '/idx',
    '/en/news/x?next=https://evil.example',
    'javascript:alert(1)',
    '',
    undefined,
    null,
    `/id/${'a'.repeat(400)}`,
  ])('replaces %j with the home page', (value) => {
    expect(safeReturnPath(value, '/en')).toBe('/en');
  });
});
