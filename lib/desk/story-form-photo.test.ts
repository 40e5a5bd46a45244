import { describe, expect, it } from 'vitest';
import { parseArticle } from '@/lib/content/parse';
import { emptyStoryFields, fieldsFromSource, sourceFromFields, validateStorySource, type StoryFields } from '@/lib/desk/story-form';

// The story form's photo fields (issue 24): an uploaded photo's reference and size, its focal
// point in percent on the form and 0..1 in the front matter.
const fields = (over: Partial<StoryFields> = {}): StoryFields => ({
  ...emptyStoryFields(),
  title: 'Pasar terapung',
  slug: 'pasar-terapung',
  locale: 'id',
  section: 'business',
  summary: 'Ringkasan.',
  sourceName: 'Kabar Kini',
  publishedAt: '2026-12-06T10:00:00+07:00',
  body: 'Isi.',
  imageSrc: 'media:0123456789abcdef0123',
  imageAlt: 'Pedagang di atas perahu',
  imageWidth: '1000',
  imageHeight: '1600',
  ...over,
});
const dates = { status: 'draft', updatedAt: '2026-12-06T10:00:00+07:00' } as const;

describe('the story form with a photo', () => {
  it('keeps the focal point: percent on the form, 0..1 in the file, and back', () => {
    const source = sourceFromFields(fields({ imageFocusX: '30', imageFocusY: '72.5' }), dates);
    expect(parseArticle('id/pasar-terapung.md', source).image).toMatchObject({ src: 'media:0123456789abcdef0123', width: 1000, height: 1600, focus: { x: 0.3, y: 0.725 } });
    expect(fieldsFromSource(source)).toMatchObject({ imageFocusX: '30', imageFocusY: '72.5' });
    expect(parseArticle('id/x.md', sourceFromFields(fields(), dates)).image?.focus, 'none set: the crops centre').toBeUndefined();
  });

  it('puts a bad focal point and a missing alt text next to their fields', () => {
    const errors = validateStorySource(sourceFromFields(fields({ imageFocusX: '150', imageAlt: '' }), dates));
    expect(errors.imageAlt).toMatch(/alternative text/);
    const focus = validateStorySource(sourceFromFields(fields({ imageFocusY: 'atas' }), dates));
    expect(focus.imageFocusY).toMatch(/must be a number from 0 \(top\) to 1 \(bottom\)/);
    expect(validateStorySource(sourceFromFields(fields({ imageFocusX: '150' }), dates)).imageFocusX).toMatch(/from 0 \(left\) to 1 \(right\)/);
  });
});
