import { z } from 'zod';
import { sectionIds } from '@/lib/site';
import { locales } from '@/i18n/languages';

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** True only for a real calendar instant written with an explicit offset (no 2025-02-30, no 25:00). */
export function isIsoDateTimeWithOffset(value: string): boolean {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second = '0'] = m.slice(1, 7).map(Number) as number[];
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || Number(second) > 59) return false;
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > daysInMonth) return false;
  if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

const dateTime = z
  .string({ error: 'is required: an ISO 8601 date and time with offset, e.g. "2025-07-26T10:00:00+07:00"' })
  .refine(isIsoDateTimeWithOffset, {
    error: 'must be an ISO 8601 date and time with an offset, e.g. "2025-07-26T10:00:00+07:00" (quote it in YAML)',
  });

const nonEmpty = (what: string) =>
  z.string({ error: `is required: ${what}` }).trim().min(1, { error: `must not be empty: ${what}` });

/** The longest public correction note: a sentence or two, as newspapers print them. */
export const MAX_CORRECTION_NOTE = 500;

// A published story's corrections, oldest first: each says when and what was put right, and stays
// listed on the article and in its JSON-LD for as long as the story is up.
const correction = z.object(
  {
    at: dateTime,
    note: nonEmpty('a short public note saying what was corrected').pipe(
      z.string().max(MAX_CORRECTION_NOTE, { error: `must be at most ${MAX_CORRECTION_NOTE} characters` }),
    ),
  },
  { error: 'must be { at, note }' },
).strict();

/**
 * Whether an image `src` can be served as it is: a stored photo ("media:<hash>", issue 24), a
 * path under public/ or an absolute http(s) URL. A path relative to the story file is a photo
 * still to be stored by `npm run publish` (lib/media/story-photo.ts), never a finished story.
 */
export function isImageReference(src: string): boolean {
  return /^media:[0-9a-f]{20}$/.test(src) || (src.startsWith('/') && !src.startsWith('//')) || /^https?:\/\//i.test(src);
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest slug: URLs stay readable, and a sitemap's size has a bound (lib/seo/sitemap-archive.ts). */
export const MAX_SLUG_LENGTH = 120;

export const frontMatterSchema = z
  .object({
    translationId: z
      .string({ error: 'is required: an id shared by the language versions of one story' })
      .regex(SLUG_PATTERN, { error: 'must be lowercase letters, digits and single hyphens' }),
    slug: z
      .string({ error: 'is required: the URL name of the article' })
      .max(MAX_SLUG_LENGTH, { error: `must be at most ${MAX_SLUG_LENGTH} characters` })
      .regex(SLUG_PATTERN, { error: 'must be URL-safe: lowercase letters, digits and single hyphens, e.g. "ai-plan"' }),
    locale: z.enum(locales, { error: `must be one of: ${locales.join(', ')}` }),
    title: nonEmpty('the headline').pipe(z.string().max(300, { error: 'must be at most 300 characters' })),
    summary: nonEmpty('the lead, one paragraph').pipe(z.string().max(1000, { error: 'must be at most 1000 characters' })),
    section: z.enum(sectionIds, { error: `must be one of the sections in lib/site.ts: ${sectionIds.join(', ')}` }),
    publishedAt: dateTime,
    updatedAt: dateTime,
    author: z.string().trim().min(1, { error: 'must not be empty (omit the field instead)' }).optional(),
    source: z.object(
      {
        name: nonEmpty('the name of the source, e.g. "Cnbc"'),
        url: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
      },
      { error: 'is required: { name, url? }' },
    ),
    tags: z
      .array(nonEmpty('a tag'), { error: 'must be a list, e.g. [ai, tiongkok]' })
      .default([]),
    image: z
      .object(
        {
          src: nonEmpty('a stored photo (media:<hash>), a path under public/ or an absolute URL').refine(isImageReference, {
            error:
              'names a photo file that is not stored yet: `npm run publish` takes a path relative to the story file (e.g. "./photo.jpg"), checks the photo and writes "media:<hash>" here; otherwise use a path under public/ ("/images/x.jpg") or an absolute http(s) URL',
          }),
          alt: nonEmpty('alternative text that describes the image for readers who cannot see it'),
          caption: z.string().trim().default(''),
          credit: z.string().trim().default(''),
          width: z.number().int().positive().default(1200),
          height: z.number().int().positive().default(675),
          // Where the crops centre (lib/media/variants.ts cropRect): 0..1 from the left and from the top.
          focus: z
            .object(
              {
                x: z.number({ error: 'must be a number from 0 (left) to 1 (right)' }).min(0, { error: 'must be from 0 (left) to 1 (right)' }).max(1, { error: 'must be from 0 (left) to 1 (right)' }),
                y: z.number({ error: 'must be a number from 0 (top) to 1 (bottom)' }).min(0, { error: 'must be from 0 (top) to 1 (bottom)' }).max(1, { error: 'must be from 0 (top) to 1 (bottom)' }),
              },
              { error: 'must be { x, y }, each from 0 to 1, e.g. { x: 0.5, y: 0.3 }' },
            )
            .strict()
            .optional(),
        },
        { error: 'must be { src, alt, caption, credit, focus? }' },
      )
      .optional(),
    corrections: z.array(correction, { error: 'must be a list of { at, note }' }).default([]),
    status: z.enum(['published', 'draft'], { error: 'must be "published" or "draft"' }),
  })
  .strict()
  .refine((fm) => Date.parse(fm.updatedAt) >= Date.parse(fm.publishedAt), {
    path: ['updatedAt'],
    error: 'must not be earlier than publishedAt',
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;
