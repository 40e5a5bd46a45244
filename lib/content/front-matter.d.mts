// Types of front-matter.mjs (plain JavaScript so that scripts/preview-link.mjs can run under plain Node).

export class FrontMatterError extends Error {
  constructor(problem: string);
}

export interface FrontMatterFile {
  /** The fields as YAML gave them: a map, not yet checked against the schema. */
  data: Record<string, unknown>;
  /** Everything after the closing "---" line, untrimmed. */
  body: string;
}

export function readFrontMatter(source: string): FrontMatterFile;
export function setFrontMatterField(source: string, field: string, value: unknown): string;
