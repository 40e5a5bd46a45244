import { readFrontMatter } from '@/lib/content/front-matter.mjs';
import type { StoryCorrection } from '@/lib/desk/story-form';

/**
 * The corrections a stored story already has, read from its source: every desk action writes them
 * back unchanged (the form does not show them as fields), and a correction appends one. An entry
 * that is not { at, note } strings is kept as it is, for the schema to name when the story is saved.
 */
export function correctionsOf(source: string | undefined): StoryCorrection[] {
  if (!source) return [];
  let data: Record<string, unknown>;
  try {
    ({ data } = readFrontMatter(source));
  } catch {
    return [];
  }
  return Array.isArray(data.corrections) ? (data.corrections as StoryCorrection[]) : [];
}

/** The note of a refused correction, to show in its field again: the last one of the attempt's source. */
export function latestCorrectionNote(source: string): string {
  const last = correctionsOf(source).at(-1);
  return typeof last?.note === 'string' ? last.note : '';
}

/** Whether a stored source is a story readers have (published, and its time has come). */
export function isLiveSource(source: string | undefined, now: number): boolean {
  if (!source) return false;
  try {
    const { data } = readFrontMatter(source);
    return data.status === 'published' && typeof data.publishedAt === 'string' && Date.parse(data.publishedAt) <= now;
  } catch {
    return false;
  }
}
