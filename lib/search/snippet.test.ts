import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, markedPassage, snippetHtml } from '@/lib/search/snippet';

const mark = (word: string) => `${MARK_START}${word}${MARK_END}`;

describe('snippetHtml', () => {
  it('escapes everything but the marks', () => {
    expect(snippetHtml(`<script>alert("x")</script> & ${mark('bangun')} 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>bangun</mark> &#39;y&#39;');
  });

  it('never leaves a mark open or closes one that is not', () => {
    expect(snippetHtml(`a${MARK_END}b${MARK_START}c`)).toBe('ab<mark>c</mark>');
    expect(snippetHtml(`${MARK_START}${MARK_START}a${MARK_END}${MARK_END}`)).toBe('<mark>a</mark>');
  });
});

describe('markedPassage', () => {
  const words = Array.from({ length: 80 }, (_, i) => `kata${i}`);
  it('cuts the passage around the matches, with an ellipsis where it is cut', () => {
    const text = [...words.slice(0, 50), 'Pembangunan', ...words.slice(50)].join(' ');
    const passage = markedPassage(text, (w) => w.toLowerCase() === 'pembangunan', 10);
    expect(passage.startsWith('… kata47 kata48 kata49 ')).toBe(true);
    expect(passage).toContain(mark('Pembangunan'));
    expect(passage.endsWith(' …')).toBe(true);
  });

  it('prefers the passage with the most different matches', () => {
    const text = ['bangun', ...words.slice(0, 40), 'kerja', 'bangun', 'sama', ...words.slice(40)].join(' ');
    const passage = markedPassage(text, (w) => ['bangun', 'kerja', 'sama'].includes(w), 10);
    expect(passage).toContain(`${mark('kerja')} ${mark('bangun')} ${mark('sama')}`);
  });

  it('shows the beginning when no word of the text matched (the title did)', () => {
    expect(markedPassage('Satu dua tiga.', () => false)).toBe('Satu dua tiga.');
  });

  it('takes the sentinels out of the text before marking', () => {
    expect(snippetHtml(markedPassage(`a${MARK_START}b c`, (w) => w === 'c'))).toBe('ab <mark>c</mark>');
  });
});
