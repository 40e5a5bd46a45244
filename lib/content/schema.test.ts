import { describe, expect, it } from 'vitest';
import { frontMatterSchema, MAX_CORRECTION_NOTE } from '@/lib/content/schema';

const story = {
  translationId: 'ai-plan',
  slug: 'rencana-ai',
  locale: 'id',
  title: 'Rencana AI',
  summary: 'Ringkasan.',
  section: 'technology',
  publishedAt: '2026-12-06T10:00:00+07:00',
  updatedAt: '2026-12-06T12:00:00+07:00',
  source: { name: 'Kabar Kini' },
  status: 'published',
};

const problem = (data: unknown) => {
  const result = frontMatterSchema.safeParse(data);
  return result.success ? undefined : result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
};

describe('the front matter’s corrections', () => {
  it('are an empty list when a story has none', () => {
    expect(frontMatterSchema.parse(story).corrections).toEqual([]);
  });

  it('keep each correction’s time and note, in order', () => {
    const corrections = [
      { at: '2026-12-06T11:00:00+07:00', note: 'Nama menteri diperbaiki.' },
      { at: '2026-12-06T05:00:00Z', note: '<b>Angka</b> korban diperbaiki.' },
    ];
    expect(frontMatterSchema.parse({ ...story, corrections }).corrections).toEqual(corrections);
  });

  it('refuse a correction without a note, with a long note, without an offset, or with an unknown field', () => {
    expect(problem({ ...story, corrections: [{ at: '2026-12-06T11:00:00+07:00', note: '  ' }] })).toEqual([
      'corrections.0.note must not be empty: a short public note saying what was corrected',
    ]);
    expect(problem({ ...story, corrections: [{ at: '2026-12-06T11:00:00+07:00', note: 'x'.repeat(MAX_CORRECTION_NOTE + 1) }] })).toEqual([
      `corrections.0.note must be at most ${MAX_CORRECTION_NOTE} characters`,
    ]);
    expect(problem({ ...story, corrections: [{ at: '2026-12-06 11:00', note: 'Diperbaiki.' }] })?.[0]).toMatch(/^corrections\.0\.at must be an ISO 8601 date and time with an offset/);
    expect(problem({ ...story, corrections: [{ at: '2026-12-06T11:00:00Z', note: 'Diperbaiki.', by: 'x' }] })?.[0]).toMatch(/^corrections\.0 /);
    expect(problem({ ...story, corrections: 'Diperbaiki.' })).toEqual(['corrections must be a list of { at, note }']);
  });
});
