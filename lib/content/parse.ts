import { parse as parseYaml, parseDocument, YAMLParseError } from 'yaml';
import { ContentError } from '@/lib/content/errors';
import { frontMatterSchema, type FrontMatter } from '@/lib/content/schema';

export interface Article extends FrontMatter {
  /** Path relative to the content folder, for error messages and previews. */
  file: string;
  /** The Markdown body, unrendered. */
  body: string;
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Parses one Markdown file with YAML front matter. Throws ContentError naming the file and
 * the first bad field. YAML is read with the core schema so dates stay strings and keep their offset.
 */
export function parseArticle(file: string, source: string): Article {
  const match = FRONT_MATTER.exec(source);
  if (!match) {
    throw new ContentError(file, '(front matter)', 'is missing: start the file with a "---" line, the fields, and a closing "---" line');
  }
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '', { schema: 'core', uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line + 1}` : '';
    throw new ContentError(file, '(front matter)', `is not valid YAML${where}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError(file, '(front matter)', 'must be a set of "field: value" lines');
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys?.join(', ') ?? '(unknown)' : '(front matter)';
    const problem = issue.code === 'unrecognized_keys' ? 'is not a known field (check its spelling)' : issue.message;
    throw new ContentError(file, field, problem);
  }
  const body = source.slice(match[0].length).trim();
  if (!body) throw new ContentError(file, '(body)', 'is empty: write the article below the front matter');
  return { ...result.data, file, body };
}

/**
 * The source with one front matter field set, everything else (order, comments, quoting, the body)
 * kept as written. For editors' commands (taking a story down sets `status: draft`).
 */
export function withFrontMatterField(file: string, source: string, field: string, value: string): string {
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new ContentError(file, '(front matter)', 'is missing: start the file with a "---" line, the fields, and a closing "---" line');
  const doc = parseDocument(match[1] ?? '', { schema: 'core' });
  doc.set(field, value);
  const start = source.indexOf(match[1] ?? '');
  return `${source.slice(0, start)}${doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '')}${source.slice(start + (match[1] ?? '').length)}`;
}
