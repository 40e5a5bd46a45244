import { describe, expect, it } from 'vitest';
import { parseArticle } from '@/lib/content/parse';
import { emptyStoryFields, fieldsFromSource, MAX_BODY_CHARS, slugify, sourceFromFields, sourceHash, validateStorySource, type StoryFields } from '@/lib/desk/story-form';

const fields = (over: Partial<StoryFields> = {}): StoryFields => ({
  ...emptyStoryFields(),
  title: 'Rencana AI Tiongkok',
  slug: 'rencana-ai-tiongkok',
  locale: 'id',
  section: 'technology',
  summary: 'Ringkasan.',
  tags: 'ai, tiongkok',
  sourceName: 'Cnbc',
  sourceUrl: 'https://example.com/a',
  publishedAt: '2026-12-06T10:00:00+07:00',
  body: 'Paragraf pertama.\n\nParagraf kedua.',
  ...over,
});
const dates = { status: 'draft', updatedAt: '2026-12-06T10:00:00+07:00' } as const;

describe('the story form', () => {
  it('suggests a URL name from a headline', () => {
    expect(slugify('Rencana AI Tiongkok!')).toBe('rencana-ai-tiongkok');
    expect(slugify('  Ékonomi — 2026: naik?  ')).toBe('ekonomi-2026-naik');
    expect(slugify('<script>')).toBe('script');
  });

  it('makes a file the publish path accepts, and reads the same fields back from it', () => {
    const source = sourceFromFields(fields(), dates);
    const article = parseArticle('id/rencana-ai-tiongkok.md', source);
    expect(article).toMatchObject({ translationId: 'rencana-ai-tiongkok', status: 'draft', tags: ['ai', 'tiongkok'], source: { name: 'Cnbc', url: 'https://example.com/a' } });
    expect(fieldsFromSource(source)).toEqual({ ...fields(), translationId: 'rencana-ai-tiongkok' });
    expect(validateStorySource(source)).toEqual({});
  });

  it('keeps markup, quotes and YAML look-alikes as text: no field can open another', () => {
    const hostile = '"><img src=x onerror=alert(1)>\n---\nstatus: published';
    const source = sourceFromFields(fields({ title: '<script>alert(1)</script>', summary: hostile, tags: 'yes, 2026-01-01', author: 'null' }), dates);
    const article = parseArticle('id/x.md', source);
    expect(article.title).toBe('<script>alert(1)</script>');
    expect(article.summary).toBe(hostile);
    expect(article.status).toBe('draft');
    expect(article.tags).toEqual(['yes', '2026-01-01']);
    expect(article.author).toBe('null');
  });

  it('names every bad field with the schema’s own message', () => {
    const errors = validateStorySource(sourceFromFields(fields({ title: '', slug: 'Not A Slug', section: 'sport', publishedAt: 'tomorrow', sourceUrl: 'javascript:alert(1)', body: ' ' }), dates));
    expect(errors.title).toBe('must not be empty: the headline');
    expect(errors.slug).toMatch(/^must be URL-safe/);
    expect(errors.section).toMatch(/^must be one of the sections/);
    expect(errors.publishedAt).toMatch(/^must be an ISO 8601 date and time/);
    expect(errors.sourceUrl).toBe('must be an absolute http(s) URL');
    expect(errors.body).toMatch(/^is empty/);
  });

  it('refuses an oversized body with its size', () => {
    const errors = validateStorySource(sourceFromFields(fields({ body: 'a'.repeat(MAX_BODY_CHARS + 1) }), dates));
    expect(errors.body).toBe(`is too long: at most 60,000 characters (this one has 60,001)`);
  });

  it('versions a source by its content', () => {
    expect(sourceHash('a')).toBe(sourceHash('a'));
    expect(sourceHash('a')).not.toBe(sourceHash('b'));
  });
});
