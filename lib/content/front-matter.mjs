// Front matter, in ONE place for all of its readers:
// - the site and `npm run publish` (lib/content/parse.ts), which validate every field,
// - `npm run preview-link` (scripts/preview-link.mjs), which plain Node 20 runs and which cannot load .ts,
// - the end-to-end tests (e2e/support/content.ts), which compare pages with the files.
// So this module is plain JavaScript (an ES module on the `yaml` package) and its types live beside
// it in front-matter.d.mts, as lib/preview/token.mjs does.
import { parse, parseDocument, YAMLParseError } from 'yaml';

// The block opens on the file's first line (after a byte order mark an editor may have saved) and
// closes at the first line that is "---" alone, so a "---" rule further down stays in the body.
const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

// The core schema keeps dates as strings with their offset ("2025-07-26T10:00:00+07:00"); aliases
// are refused so that a hostile file cannot expand into a billion laughs.
const YAML_OPTIONS = { schema: 'core', uniqueKeys: true, maxAliasCount: 0 };

const MISSING = 'is missing: start the file with a "---" line, the fields, and a closing "---" line';

/** A problem with the front matter as a whole; the message completes "front matter …". */
export class FrontMatterError extends Error {
  constructor(problem) {
    super(problem);
    this.name = 'FrontMatterError';
  }
}

/** Where the YAML sits in the source, and the body after the closing line; undefined without front matter. */
function split(source) {
  const match = FRONT_MATTER.exec(source);
  if (!match) return undefined;
  const yamlStart = match[0].indexOf('\n') + 1;
  const yaml = match[1] ?? '';
  return { yaml, yamlStart, yamlEnd: yamlStart + yaml.length, body: source.slice(match[0].length) };
}

/**
 * The fields (a plain object, not yet validated) and the body (as written, untrimmed) of a
 * Markdown file. Throws FrontMatterError when the block is missing, is not YAML, or is not a map.
 */
export function readFrontMatter(source) {
  const block = split(source);
  if (!block) throw new FrontMatterError(MISSING);
  let data;
  try {
    data = parse(block.yaml, YAML_OPTIONS);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line + 1}` : '';
    throw new FrontMatterError(`is not valid YAML${where}: ${String(error.message).split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontMatterError('must be a set of "field: value" lines');
  }
  return { data, body: block.body };
}

/**
 * The source with one field set, everything else (order, comments, quoting, line endings of the
 * body) kept as written. For editors' commands (taking a story down sets `status: draft`).
 */
export function setFrontMatterField(source, field, value) {
  const block = split(source);
  if (!block) throw new FrontMatterError(MISSING);
  const doc = parseDocument(block.yaml, YAML_OPTIONS);
  doc.set(field, value);
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
  return `${source.slice(0, block.yamlStart)}${yaml}${source.slice(block.yamlEnd)}`;
}
