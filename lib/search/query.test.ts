import { describe, expect, it } from 'vitest';
import { parseSearchRequest, wordsOf } from '@/lib/search/query';
import { searchLimits } from '@/lib/site';

describe('parseSearchRequest', () => {
  it('takes the words of the query, trimmed, on page 1 unless asked', () => {
    expect(parseSearchRequest({ q: '  kerja sama  ' })).toEqual({ kind: 'query', text: 'kerja sama', words: ['kerja', 'sama'], page: 1 });
    expect(parseSearchRequest({ q: 'bangun', page: '3' })).toMatchObject({ kind: 'query', page: 3 });
    expect(parseSearchRequest({ q: ['pertama', 'kedua'] })).toMatchObject({ words: ['pertama'] });
  });

  it('treats markup, SQL and operators as words, never as syntax', () => {
    expect(parseSearchRequest({ q: "' OR 1=1 --" })).toMatchObject({ kind: 'query', words: ['or', '1', '1'] });
    expect(parseSearchRequest({ q: 'a & b | !c' })).toMatchObject({ kind: 'query', words: ['a', 'b', 'c'] });
    expect(parseSearchRequest({ q: '<script>alert(1)</script>' })).toMatchObject({ kind: 'query', text: '<script>alert(1)</script>', words: ['script', 'alert', '1', 'script'] });
    expect(wordsOf('Pembangunan jalan-tol “Trans Jawa”')).toEqual(['pembangunan', 'jalan', 'tol', 'trans', 'jawa']);
  });

  it('shows the empty form for no words, and is not an error', () => {
    expect(parseSearchRequest({})).toEqual({ kind: 'empty', text: '' });
    expect(parseSearchRequest({ q: '   ' })).toEqual({ kind: 'empty', text: '' });
    expect(parseSearchRequest({ q: '&& || !! --' })).toEqual({ kind: 'empty', text: '&& || !! --' });
  });

  it('refuses what would cost too much, with the reason', () => {
    expect(parseSearchRequest({ q: 'a'.repeat(10_000) })).toEqual({ kind: 'refused', reason: 'too-long', text: 'a'.repeat(searchLimits.maxQueryLength) });
    expect(parseSearchRequest({ q: 'x '.repeat(60).trim() })).toMatchObject({ kind: 'refused', reason: 'too-long' });
    expect(parseSearchRequest({ q: 'satu dua tiga empat lima enam tujuh delapan sembilan' })).toMatchObject({ kind: 'refused', reason: 'too-many-words' });
    expect(parseSearchRequest({ q: 'satu dua tiga empat lima enam tujuh delapan' })).toMatchObject({ kind: 'query' });
    expect(parseSearchRequest({ q: 'w'.repeat(41) })).toMatchObject({ kind: 'refused', reason: 'word-too-long' });
    for (const page of ['0', '-1', 'dua', '1.5', '51', '99999999999', '1e3', ' 2'])
      expect(parseSearchRequest({ q: 'bangun', page }), `page=${page}`).toMatchObject({ kind: 'refused', reason: 'bad-page' });
    expect(parseSearchRequest({ q: 'bangun', page: String(searchLimits.maxPages) })).toMatchObject({ kind: 'query' });
  });

  it('keeps control characters (the snippets’ sentinels) out of the query', () => {
    expect(parseSearchRequest({ q: 'ba\u0002ngun\u0003' })).toMatchObject({ kind: 'query', words: ['ba', 'ngun'] });
  });
});
