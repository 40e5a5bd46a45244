import { diffWordsWithSpace } from 'diff';
import { readFrontMatter } from '@/lib/content/front-matter.mjs';
import { fieldsFromSource, STORY_FIELDS, type StoryField } from '@/lib/desk/story-form';

/**
 * What changed between two revisions of a story, word by word, for each front-matter field and the
 * body: the `diff` package's `diffWordsWithSpace` (decision 026), not a diff of our own; with
 * spaces as tokens of their own, the parts give back both texts exactly (`diffWords` shares the
 * space around a change between the two sides, which would show "utara ." for "utara."). Parts are plain
 * text; the page renders them as text inside <del>/<ins>, so markup typed into a story stays text.
 */
export type DiffPart = { kind: 'same' | 'ins' | 'del'; text: string };
export type DiffField = StoryField | 'status';
export interface FieldDiff {
  field: DiffField;
  changed: boolean;
  parts: DiffPart[];
}

/** Past this, a body's word diff is given up and shown as "all of it replaced" (a pasted-over story). */
const DIFF_TIMEOUT_MS = 1_500;

/** The word-level changes from `before` to `after`: every part of both texts, in reading order. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) {
    return [
      ...(before ? [{ kind: 'del' as const, text: before }] : []),
      ...(after ? [{ kind: 'ins' as const, text: after }] : []),
    ];
  }
  return changes.map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'same', text: c.value }));
}

function statusOf(source: string): string {
  try {
    const { data } = readFrontMatter(source);
    return typeof data.status === 'string' ? data.status : '';
  } catch {
    return '';
  }
}

/** Every field of the story form and the status, each with its word diff, in the form's order. */
export function diffRevisions(before: string, after: string): FieldDiff[] {
  const a = { ...fieldsFromSource(before), status: statusOf(before) };
  const b = { ...fieldsFromSource(after), status: statusOf(after) };
  const fields: DiffField[] = ['status', ...STORY_FIELDS];
  return fields.map((field) => ({ field, changed: a[field] !== b[field], parts: diffText(a[field], b[field]) }));
}
