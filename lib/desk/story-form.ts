import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { readFrontMatter } from '@/lib/content/front-matter.mjs';
import { frontMatterSchema } from '@/lib/content/schema';

/**
 * The desk's story form, both ways: the fields an editor types become a Markdown file with YAML
 * front matter (serialized by the `yaml` package, never by gluing strings, so markup or quotes in a
 * field stay text), and a stored file becomes the form again. Validation is the content schema's
 * own (lib/content/schema.ts), so the desk says exactly what `npm run publish` would, but for every
 * field at once and next to it.
 */

export const STORY_FIELDS = [
  'title',
  'slug',
  'translationId',
  'locale',
  'section',
  'summary',
  'tags',
  'author',
  'sourceName',
  'sourceUrl',
  'publishedAt',
  'imageSrc',
  'imageAlt',
  'imageCaption',
  'imageCredit',
  'imageWidth',
  'imageHeight',
  'imageFocusX',
  'imageFocusY',
  'body',
] as const;
export type StoryField = (typeof STORY_FIELDS)[number];
export type StoryFields = Record<StoryField, string>;

/** The longest body the desk accepts, in characters; the server's 64 KiB request cap is below it in bytes for most text. */
export const MAX_BODY_CHARS = 60_000;

export const emptyStoryFields = (): StoryFields => Object.fromEntries(STORY_FIELDS.map((f) => [f, ''])) as StoryFields;

/** A URL name from a headline: "Rencana AI Tiongkok!" → "rencana-ai-tiongkok". */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The version of a stored file the edit form was loaded from (empty text: a story not yet stored). */
export function sourceHash(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 32);
}

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** A form's fields from the text the browser sent: every field a string, trimmed except the body, capped. */
export function fieldsFromForm(form: { get(name: string): unknown }): StoryFields {
  const fields = emptyStoryFields();
  for (const field of STORY_FIELDS) {
    const value = form.get(field);
    const raw = typeof value === 'string' ? value : '';
    fields[field] = field === 'body' ? raw.replace(/\r\n/g, '\n') : raw.trim().slice(0, 2_000);
  }
  return fields;
}

/** The form's fields of a stored Markdown file (as far as it has them). */
export function fieldsFromSource(source: string): StoryFields {
  const fields = emptyStoryFields();
  let data: Record<string, unknown>;
  let body: string;
  try {
    ({ data, body } = readFrontMatter(source));
  } catch {
    return { ...fields, body: source };
  }
  const source_ = (data.source ?? {}) as Record<string, unknown>;
  const image = (data.image ?? {}) as Record<string, unknown>;
  return {
    title: text(data.title),
    slug: text(data.slug),
    translationId: text(data.translationId),
    locale: text(data.locale),
    section: text(data.section),
    summary: text(data.summary),
    tags: Array.isArray(data.tags) ? data.tags.map(text).join(', ') : text(data.tags),
    author: text(data.author),
    sourceName: text(source_.name),
    sourceUrl: text(source_.url),
    publishedAt: text(data.publishedAt),
    imageSrc: text(image.src),
    imageAlt: text(image.alt),
    imageCaption: text(image.caption),
    imageCredit: text(image.credit),
    imageWidth: text(image.width),
    imageHeight: text(image.height),
    ...focusFields(image.focus),
    body: body.trim(),
  };
}

const positiveIntegerOrText = (value: string) => (/^\d+$/.test(value) ? Number(value) : value);

/** The photo's focal point (front matter: 0..1) as the form shows it, in percent (app/desk/stories/PhotoField.tsx). */
function focusFields(focus: unknown): Pick<StoryFields, 'imageFocusX' | 'imageFocusY'> {
  const f = (focus ?? {}) as Record<string, unknown>;
  const percent = (v: unknown) => (typeof v === 'number' ? String(Math.round(v * 1000) / 10) : text(v));
  return { imageFocusX: percent(f.x), imageFocusY: percent(f.y) };
}

/** Percent typed in the form to the front matter's 0..1; anything else as typed, for the schema to refuse. */
const focusValue = (value: string) => (/^\d+(?:[.,]\d+)?$/.test(value) ? Number(value.replace(',', '.')) / 100 : value);

/**
 * The Markdown file for `fields`, with `status` and `updatedAt` as the action sets them. Empty
 * optional fields are left out (the schema's defaults apply); what the editor typed otherwise goes
 * in as typed, so the schema, not this function, judges it.
 */
export function sourceFromFields(
  fields: StoryFields,
  { status, updatedAt, corrections = [] }: { status: 'draft' | 'published'; updatedAt: string; corrections?: readonly StoryCorrection[] },
): string {
  const data: Record<string, unknown> = {
    translationId: fields.translationId || fields.slug,
    slug: fields.slug,
    locale: fields.locale,
    title: fields.title,
    summary: fields.summary,
    section: fields.section,
    publishedAt: fields.publishedAt,
    updatedAt,
  };
  if (fields.author) data.author = fields.author;
  data.source = { name: fields.sourceName, ...(fields.sourceUrl ? { url: fields.sourceUrl } : {}) };
  data.tags = fields.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const image = [fields.imageSrc, fields.imageAlt, fields.imageCaption, fields.imageCredit, fields.imageWidth, fields.imageHeight];
  if (image.some(Boolean)) {
    data.image = {
      src: fields.imageSrc,
      alt: fields.imageAlt,
      ...(fields.imageCaption ? { caption: fields.imageCaption } : {}),
      ...(fields.imageCredit ? { credit: fields.imageCredit } : {}),
      ...(fields.imageWidth ? { width: positiveIntegerOrText(fields.imageWidth) } : {}),
      ...(fields.imageHeight ? { height: positiveIntegerOrText(fields.imageHeight) } : {}),
      ...(fields.imageFocusX || fields.imageFocusY ? { focus: { x: focusValue(fields.imageFocusX || '50'), y: focusValue(fields.imageFocusY || '50') } } : {}),
    };
  }
  // Not a form field: the stored story's corrections, carried over by every action (lib/desk/story-actions.ts).
  if (corrections.length) data.corrections = corrections.map(({ at, note }) => ({ at, note }));
  data.status = status;
  // Strings are always quoted: a title like "yes" or "2025-07-26" stays a string, and no value
  // can close the block or start another field.
  const yaml = stringify(data, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  return `---\n${yaml}---\n${fields.body.trim()}\n`;
}

/** One correction of a published story, as the front matter keeps it (lib/content/schema.ts). */
export interface StoryCorrection {
  at: string;
  note: string;
}

/** Where a schema path shows on the form. */
function formField(path: readonly PropertyKey[]): StoryField | 'updatedAt' | 'status' | 'correction' | undefined {
  const [first, second] = path.map(String);
  // Only the newest correction is typed in the form (its note); the older ones are stored as they were.
  if (first === 'corrections') return 'correction';
  if (first === 'source') return second === 'url' ? 'sourceUrl' : 'sourceName';
  if (first === 'image') {
    if (second === 'focus') return path.map(String)[2] === 'y' ? 'imageFocusY' : 'imageFocusX';
    const key = `image${(second ?? 'src').charAt(0).toUpperCase()}${(second ?? 'src').slice(1)}`;
    return (STORY_FIELDS as readonly string[]).includes(key) ? (key as StoryField) : 'imageSrc';
  }
  if (first === 'tags') return 'tags';
  if (first === 'updatedAt' || first === 'status') return first;
  return (STORY_FIELDS as readonly string[]).includes(first ?? '') ? (first as StoryField) : undefined;
}

export type FieldErrors = Partial<Record<StoryField | 'updatedAt' | 'status' | 'correction' | 'form', string>>;

/**
 * Every problem of a story's source, by form field: the schema's messages (the first per field),
 * the body's, and the desk's cap on the body. Empty when it would publish.
 */
export function validateStorySource(source: string): FieldErrors {
  const errors: FieldErrors = {};
  let data: Record<string, unknown>;
  let body: string;
  try {
    ({ data, body } = readFrontMatter(source));
  } catch (error) {
    return { form: (error as Error).message };
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.code === 'unrecognized_keys' ? 'form' : (formField(issue.path) ?? 'form');
      const message = issue.code === 'unrecognized_keys' ? 'is not a known field (check its spelling)' : issue.message;
      errors[field] ??= message;
    }
  }
  if (!body.trim()) errors.body = 'is empty: write the article below the front matter';
  else if (body.trim().length > MAX_BODY_CHARS) errors.body = `is too long: at most ${MAX_BODY_CHARS.toLocaleString('en')} characters (this one has ${body.trim().length.toLocaleString('en')})`;
  return errors;
}
