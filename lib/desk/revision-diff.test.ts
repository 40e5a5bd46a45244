import { describe, expect, it } from 'vitest';
import { diffRevisions, diffText, type DiffPart } from '@/lib/desk/revision-diff';
import { sourceFromFields, emptyStoryFields } from '@/lib/desk/story-form';

const joined = (parts: DiffPart[], keep: 'ins' | 'del') => parts.filter((p) => p.kind === 'same' || p.kind === keep).map((p) => p.text).join('');

const story = (overrides: Partial<ReturnType<typeof emptyStoryFields>>, status: 'draft' | 'published' = 'draft') =>
  sourceFromFields(
    {
      ...emptyStoryFields(),
      title: 'Banjir di Jakarta',
      slug: 'banjir-jakarta',
      translationId: 'banjir-jakarta',
      locale: 'id',
      section: 'world',
      summary: 'Air naik di utara kota.',
      sourceName: 'Kabar Kini',
      publishedAt: '2026-12-06T04:00:00Z',
      body: 'Korban tercatat 10 orang.\n\nHujan turun sejak pagi.',
      ...overrides,
    },
    { status, updatedAt: '2026-12-06T04:00:00Z' },
  );

describe('the word diff of two revisions', () => {
  it('marks the changed words only, and both texts can be read back from it', () => {
    const parts = diffText('Korban tercatat 10 orang di utara.', 'Korban tercatat 12 orang di utara kota.');
    expect(parts.filter((p) => p.kind === 'del').map((p) => p.text.trim())).toEqual(['10']);
    expect(parts.filter((p) => p.kind === 'ins').map((p) => p.text.trim())).toEqual(['12', 'kota']);
    expect(joined(parts, 'del')).toBe('Korban tercatat 10 orang di utara.');
    expect(joined(parts, 'ins')).toBe('Korban tercatat 12 orang di utara kota.');
  });

  it('names each changed field of the front matter and the body, and leaves the rest unchanged', () => {
    const diff = diffRevisions(story({}), story({ title: 'Banjir besar di Jakarta', body: 'Korban tercatat 12 orang.\n\nHujan turun sejak pagi.' }, 'published'));
    expect(diff.filter((f) => f.changed).map((f) => f.field)).toEqual(['status', 'title', 'body']);
    const title = diff.find((f) => f.field === 'title')!;
    expect(title.parts.filter((p) => p.kind === 'ins').map((p) => p.text.trim())).toEqual(['besar']);
    expect(title.parts.filter((p) => p.kind === 'del')).toEqual([]);
    const body = diff.find((f) => f.field === 'body')!;
    expect(body.parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual([
      ['del', '10'],
      ['ins', '12'],
    ]);
    expect(diff.find((f) => f.field === 'status')!.parts.map((p) => [p.kind, p.text])).toEqual([
      ['del', 'draft'],
      ['ins', 'published'],
    ]);
    expect(diff.find((f) => f.field === 'summary')).toEqual({ field: 'summary', changed: false, parts: [{ kind: 'same', text: 'Air naik di utara kota.' }] });
  });

  it('keeps typed markup as plain text in its parts', () => {
    const diff = diffRevisions(story({}), story({ summary: 'Air naik <script>alert(1)</script> di utara kota.' }));
    const summary = diff.find((f) => f.field === 'summary')!;
    expect(joined(summary.parts, 'ins')).toBe('Air naik <script>alert(1)</script> di utara kota.');
  });

  it('a field emptied or filled is one deletion or one insertion', () => {
    expect(diffText('Ayu', '')).toEqual([{ kind: 'del', text: 'Ayu' }]);
    expect(diffText('', 'Ayu')).toEqual([{ kind: 'ins', text: 'Ayu' }]);
    expect(diffText('', '')).toEqual([]);
  });

  it('answers quickly on a long body rewritten from top to bottom', () => {
    const words = (seed: number) => Array.from({ length: 6_000 }, (_, i) => `kata${(i * seed) % 997}`).join(' ');
    const started = Date.now();
    const parts = diffText(words(7), words(13));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(joined(parts, 'del')).toBe(words(7));
    expect(joined(parts, 'ins')).toBe(words(13));
  });
});
