import { ContentError } from '@/lib/content/errors';
import { FrontMatterError, readFrontMatter, setFrontMatterField } from '@/lib/content/front-matter.mjs';
import { frontMatterSchema, type FrontMatter } from '@/lib/content/schema';

export interface Article extends FrontMatter {
  /** Path relative to the content folder, for error messages and previews. */
  file: string;
  /** The Markdown body, unrendered. */
  body: string;
}

/** Reads or edits a file's front matter; a problem with it becomes a ContentError naming the file. */
function inFile<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof FrontMatterError) throw new ContentError(file, '(front matter)', error.message);
    throw error;
  }
}

/**
 * Parses one Markdown file with YAML front matter. Throws ContentError naming the file and
 * the first bad field.
 */
export function parseArticle(file: string, source: string): Article {
  const { data, body: rawBody } = inFile(file, () => readFrontMatter(source));
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys?.join(', ') ?? '(unknown)' : '(front matter)';
    const problem = issue.code === 'unrecognized_keys' ? 'is not a known field (check its spelling)' : issue.message;
    throw new ContentError(file, field, problem);
  }
  const body = rawBody.trim();
  if (!body) throw new ContentError(file, '(body)', 'is empty: write the article below the front matter');
  return { ...result.data, file, body };
}

/**
 * The source with one front matter field set, everything else (order, comments, quoting, the body)
 * kept as written. For editors' commands (taking a story down sets `status: draft`).
 */
export function withFrontMatterField(file: string, source: string, field: string, value: string): string {
  return inFile(file, () => setFrontMatterField(source, field, value));
}
