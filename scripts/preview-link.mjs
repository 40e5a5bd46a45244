// `npm run preview-link -- <story id or slug> [--locale id|en] [--ttl 24h]`
// Prints a signed preview link for a story (draft or published) to send to a colleague.
// Plain Node: it shares the token format with the server through lib/preview/token.mjs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readFrontMatter } from '../lib/content/front-matter.mjs';
import { DEFAULT_TTL_SECONDS, parseTtl, previewLink, previewSecretProblem } from '../lib/preview/token.mjs';

const USAGE = 'Usage: npm run preview-link -- <story id or slug> [--locale id|en] [--ttl 24h]';

function fail(message) {
  console.error(`preview-link: ${message}`);
  process.exit(1);
}

/** Every article file of the content folder, as [path in the store, Markdown source]. */
function readFolder(root) {
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    fail(`cannot read the content folder ${root} (CONTENT_DIR=${process.env.CONTENT_DIR ?? 'unset'}): ${error.message}`);
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.name.startsWith('.') && entry.name !== 'README.md')
    .map((entry) => {
      const absolute = path.join(entry.parentPath, entry.name);
      return [path.relative(root, absolute), readFileSync(absolute, 'utf8')];
    });
}

/**
 * Every story of the PostgreSQL store (DATABASE_URL), drafts included, through the same dump the
 * build reads (db/dump-content.mjs, docs/decisions/015): one snapshot, and one line on failure.
 * Each story's meta (decision 031), or its source for a row written before migration 007.
 */
function readDatabase() {
  const dump = fileURLToPath(new URL('../db/dump-content.mjs', import.meta.url));
  try {
    return JSON.parse(execFileSync(process.execPath, [dump], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 2 ** 31 - 1 })).articles.map(
      ([file, , meta, source]) => [file, meta ?? source],
    );
  } catch (error) {
    fail(String(error.stderr || error.message).trim());
  }
}

/** The few front matter fields a link needs, from every article (the server validates the rest). */
function readStories(files) {
  const stories = [];
  for (const [file, source] of files) {
    let data;
    try {
      // A database row's meta is the front matter read already.
      ({ data } = typeof source === 'string' ? readFrontMatter(source) : { data: source });
    } catch (error) {
      console.error(`preview-link: skipping ${file}: front matter ${error.message}`);
      continue;
    }
    const { translationId, slug, locale, title, status } = data;
    if ([translationId, slug, locale].every((v) => typeof v === 'string')) stories.push({ file, translationId, slug, locale, title, status });
    else console.error(`preview-link: skipping ${file}: its front matter has no translationId, slug and locale (the build will say what is wrong)`);
  }
  return stories;
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { locale: { type: 'string' }, ttl: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(`give exactly one story id or slug.\n${USAGE}`);
const [key] = positionals;

const secret = process.env.PREVIEW_SECRET;
const secretProblem = previewSecretProblem(secret);
if (secretProblem) fail(`${secretProblem} Use the same value as the server.`);

let ttl;
try {
  ttl = values.ttl === undefined ? DEFAULT_TTL_SECONDS : parseTtl(values.ttl);
} catch (error) {
  fail(error.message);
}

const root = process.env.DATABASE_URL ? 'the database (DATABASE_URL)' : path.resolve(process.cwd(), process.env.CONTENT_DIR || 'content');
const stories = readStories(process.env.DATABASE_URL ? readDatabase() : readFolder(root));
const matches = stories.filter((s) => s.translationId === key || s.slug === key);
const ids = [...new Set(matches.map((s) => s.translationId))];
if (ids.length === 0) fail(`no story with the id or slug "${key}" in ${root}. The id is the "translationId" field; the slug is the file's "slug" field.`);
if (ids.length > 1) fail(`"${key}" is the slug of several stories (${ids.join(', ')}): give the story id instead.`);
const [translationId] = ids;
const versions = stories.filter((s) => s.translationId === translationId);

const siteLocales = [...new Set(stories.map((s) => s.locale))];
if (values.locale !== undefined && !siteLocales.includes(values.locale)) {
  fail(`--locale "${values.locale}" is not a language of the site (${siteLocales.join(', ')}).`);
}
// A slug names its language; a story id does not, so without --locale it gets a link per version.
const bySlug = matches.find((s) => s.slug === key && s.translationId !== key);
const linkLocales = values.locale ? [values.locale] : bySlug ? [bySlug.locale] : versions.map((v) => v.locale);

let site;
try {
  site = new URL(process.env.SITE_URL || 'http://localhost:3000');
} catch {
  fail(`SITE_URL is not a valid absolute URL: "${process.env.SITE_URL}". Set it like SITE_URL=https://kabarkini.example`);
}
const expiresAt = Math.floor(Date.now() / 1000) + ttl;
for (const locale of linkLocales) {
  const url = previewLink({ translationId, locale, expiresAt }, secret, site);
  // The link alone goes to stdout (for `$(npm run -s preview-link -- …)`); the explanation to stderr.
  const shown = versions.find((v) => v.locale === locale) ?? versions[0];
  const fallback = shown.locale !== locale ? ` (no ${locale} version: shown in ${shown.locale}, as ${locale} readers would see it)` : '';
  console.error(`Preview of "${shown.title ?? shown.slug}" [${shown.status ?? 'no status'}] in ${locale}${fallback}, from ${shown.file}, valid until ${new Date(expiresAt * 1000).toISOString()}:`);
  console.log(url);
}
