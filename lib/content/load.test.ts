import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentErrors } from '@/lib/content/errors';
import { loadAllArticles } from '@/lib/content/load';

const SEED = path.resolve(__dirname, '../../content/id/tiongkok-luncurkan-rencana-kerja-sama-ai-global.md');

/** A valid article's front matter, as an editor writes it; tests break one field at a time. */
function article(fields: Record<string, string | undefined> = {}, body = 'Paragraf pertama.'): string {
  const base: Record<string, string | undefined> = {
    translationId: 'china-global-ai-plan',
    slug: 'rencana-ai',
    locale: 'id',
    title: '"Tiongkok Luncurkan Rencana AI"',
    summary: '"Ringkasan berita."',
    section: 'technology',
    publishedAt: '"2025-07-26T10:00:00+07:00"',
    updatedAt: '"2025-07-26T10:00:00+07:00"',
    source: '\n  name: Cnbc',
    tags: '[ai]',
    status: 'published',
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'content-'));
  mkdirSync(path.join(dir, 'id'));
  mkdirSync(path.join(dir, 'en'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string) {
  writeFileSync(path.join(dir, file), text);
}

function errorOf(): string {
  try {
    loadAllArticles(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentErrors);
    return (error as Error).message;
  }
  throw new Error('expected the content to be rejected');
}

describe('loadAllArticles', () => {
  it('reads a valid article with its dates as written, offset kept', () => {
    write('id/a.md', article());
    const [a] = loadAllArticles(dir);
    expect(a).toMatchObject({ slug: 'rencana-ai', locale: 'id', publishedAt: '2025-07-26T10:00:00+07:00', file: 'id/a.md' });
    expect(a!.source).toEqual({ name: 'Cnbc' });
  });

  it('reads the seed article from content/ with its body word for word', () => {
    const [a] = loadAllArticles(path.dirname(path.dirname(SEED))).filter((x) => x.file === 'id/tiongkok-luncurkan-rencana-kerja-sama-ai-global.md');
    const seed = readFileSync(path.resolve(__dirname, '../../e2e/fixtures/seed/000_de59bf0bf33f27ad.txt'), 'utf8');
    // The seed page: menu, close, headline, lead, headline again, the body's paragraphs, "Source: …".
    const lines = seed.split('\n').map((l) => l.trim()).filter(Boolean);
    const headline = lines[2]!;
    const body = lines.slice(lines.indexOf(headline, 4) + 1, lines.findIndex((l) => l.startsWith('Source:')));
    expect(body.length, 'the seed page has body paragraphs').toBeGreaterThan(3);
    expect(a!.title).toBe(headline);
    expect(a!.summary).toBe(lines[3]);
    // Every paragraph, in order, none missing or added: an empty or cut body fails here.
    expect(a!.body.trim().split(/\n\n+/).map((p) => p.trim())).toEqual(body);
  });

  it.each([
    ['a missing required field', { title: undefined }, 'title', 'is required'],
    ['an invalid date', { publishedAt: '"2025-02-30T10:00:00+07:00"' }, 'publishedAt', 'ISO 8601'],
    ['a date without offset', { updatedAt: '"2025-07-26T10:00:00"' }, 'updatedAt', 'offset'],
    ['an unknown section', { section: 'sport' }, 'section', 'technology, world, business'],
    ['a slug that is not URL-safe', { slug: '"Rencana AI!"' }, 'slug', 'URL-safe'],
    ['an unknown status', { status: 'live' }, 'status', 'published'],
    ['an image without alt text', { image: '\n  src: /a.jpg\n  caption: Foto\n  credit: X' }, 'image.alt', 'is required'],
    ['a misspelt field', { titel: '"x"' }, 'titel', 'not a known field'],
    ['an updatedAt before publishedAt', { updatedAt: '"2025-07-25T10:00:00+07:00"' }, 'updatedAt', 'earlier than publishedAt'],
  ])('rejects %s, naming the file and the field', (_case, fields, field, problem) => {
    write('id/broken.md', article(fields));
    const message = errorOf();
    expect(message).toContain('id/broken.md');
    expect(message).toContain(`field "${field}"`);
    expect(message).toContain(problem);
  });

  it('rejects a file without front matter and invalid YAML', () => {
    write('id/plain.md', 'Just text');
    write('id/yaml.md', '---\ntitle: [unclosed\n---\nBody');
    const message = errorOf();
    expect(message).toMatch(/id\/plain\.md: field "\(front matter\)" is missing/);
    expect(message).toMatch(/id\/yaml\.md: field "\(front matter\)" is not valid YAML/);
  });

  it('rejects a duplicate slug within one language, naming both files', () => {
    write('id/a.md', article({ translationId: 'one' }));
    write('id/b.md', article({ translationId: 'two' }));
    expect(errorOf()).toMatch(/id\/b\.md: field "slug" "rencana-ai" is already used by id\/a\.md/);
  });

  it('allows the same slug in two languages', () => {
    write('id/a.md', article());
    write('en/a.md', article({ locale: 'en' }));
    expect(loadAllArticles(dir)).toHaveLength(2);
  });

  it('rejects two stories claiming the same translation in one language', () => {
    write('id/a.md', article({ slug: 'satu' }));
    write('id/b.md', article({ slug: 'dua' }));
    expect(errorOf()).toMatch(/id\/b\.md: field "translationId" "china-global-ai-plan" already has a "id" version in id\/a\.md/);
  });

  it('reports every broken file at once', () => {
    write('id/a.md', article({ slug: 'a', translationId: 'a', section: 'sport' }));
    write('en/b.md', article({ slug: 'b', translationId: 'b', locale: 'en', publishedAt: 'yesterday' }));
    const message = errorOf();
    expect(message).toContain('2 problems');
    expect(message).toContain('id/a.md');
    expect(message).toContain('en/b.md');
  });
});
