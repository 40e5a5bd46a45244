import { describe, expect, it } from 'vitest';
import { correctionsOf, isLiveSource, latestCorrectionNote } from '@/lib/desk/corrections';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const source = (front: string) => `---\n${front}\n---\nIsi.\n`;

describe('a stored story’s corrections and state, as the desk actions read them', () => {
  it('reads the corrections in order, none when the field is absent or the file unreadable', () => {
    const corrections = 'corrections:\n  - at: "2026-12-06T07:00:00Z"\n    note: "Satu."\n  - at: "2026-12-06T07:30:00Z"\n    note: "<b>Dua</b>."';
    expect(correctionsOf(source(corrections))).toEqual([
      { at: '2026-12-06T07:00:00Z', note: 'Satu.' },
      { at: '2026-12-06T07:30:00Z', note: '<b>Dua</b>.' },
    ]);
    expect(latestCorrectionNote(source(corrections))).toBe('<b>Dua</b>.');
    expect(correctionsOf(source('title: "x"'))).toEqual([]);
    expect(correctionsOf('no front matter')).toEqual([]);
    expect(correctionsOf(undefined)).toEqual([]);
    expect(latestCorrectionNote(source('title: "x"'))).toBe('');
  });

  it('calls a story live only when it is published and its time has come', () => {
    expect(isLiveSource(source('status: published\npublishedAt: "2026-12-06T07:00:00Z"'), NOW)).toBe(true);
    expect(isLiveSource(source('status: published\npublishedAt: "2026-12-06T09:00:00Z"'), NOW), 'scheduled').toBe(false);
    expect(isLiveSource(source('status: draft\npublishedAt: "2026-12-06T07:00:00Z"'), NOW)).toBe(false);
    expect(isLiveSource(undefined, NOW)).toBe(false);
  });
});
