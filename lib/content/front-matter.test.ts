import { describe, expect, it } from 'vitest';
import { FrontMatterError, readFrontMatter, setFrontMatterField } from '@/lib/content/front-matter.mjs';

const story = ['---', 'title: "Judul: satu"', 'publishedAt: 2025-07-26T10:00:00+07:00', 'tags: [ai, dunia]', '---', 'Paragraf pertama.', ''].join('\n');

describe('readFrontMatter', () => {
  it('gives the fields, dates as written with their offset, and the body', () => {
    const { data, body } = readFrontMatter(story);
    expect(data).toEqual({ title: 'Judul: satu', publishedAt: '2025-07-26T10:00:00+07:00', tags: ['ai', 'dunia'] });
    expect(body).toBe('Paragraf pertama.\n');
  });

  it('reads a file saved with a byte order mark', () => {
    expect(readFrontMatter(`\uFEFF${story}`).data['title']).toBe('Judul: satu');
  });

  it('reads a file with Windows line endings, without a carriage return in any value', () => {
    const { data, body } = readFrontMatter(story.replace(/\n/g, '\r\n'));
    expect(data['title']).toBe('Judul: satu');
    expect(data['tags']).toEqual(['ai', 'dunia']);
    expect(body).toBe('Paragraf pertama.\r\n');
  });

  it('keeps a "---" rule inside the body in the body', () => {
    const { data, body } = readFrontMatter('---\ntitle: a\n---\nabove\n\n---\n\nbelow: not a field\n');
    expect(data).toEqual({ title: 'a' });
    expect(body).toBe('above\n\n---\n\nbelow: not a field\n');
  });

  it('gives an empty body when the file ends at the closing line, with or without a newline', () => {
    expect(readFrontMatter('---\ntitle: a\n---').body).toBe('');
    expect(readFrontMatter('---\ntitle: a\n---\n').body).toBe('');
  });

  it('says the block is missing when the closing line is missing or there is no opening line', () => {
    for (const source of ['---\ntitle: a\nbody without a closing line\n', 'title: a\n---\nbody\n', 'Just Markdown.\n', '']) {
      expect(() => readFrontMatter(source), JSON.stringify(source)).toThrow(FrontMatterError);
      expect(() => readFrontMatter(source)).toThrow(/is missing: start the file with a "---" line/);
    }
  });

  it('says where the YAML is broken', () => {
    expect(() => readFrontMatter('---\ntitle: a\ntitle: b\n---\nbody\n')).toThrow(/is not valid YAML at line 3/);
    expect(() => readFrontMatter('---\ntitle: [unclosed\n---\nbody\n')).toThrow(/is not valid YAML/);
  });

  it('refuses YAML aliases (a hostile file cannot expand into a billion laughs)', () => {
    expect(() => readFrontMatter('---\na: &x [1, 2]\nb: *x\n---\nbody\n')).toThrow(/is not valid YAML/);
  });

  it('refuses front matter that is not a set of fields', () => {
    expect(() => readFrontMatter('---\n- a\n- b\n---\nbody\n')).toThrow(/must be a set of "field: value" lines/);
    expect(() => readFrontMatter('---\njust text\n---\nbody\n')).toThrow(/must be a set of "field: value" lines/);
  });
});

describe('setFrontMatterField', () => {
  it('changes one field and keeps comments, order, quoting and the body as written', () => {
    const source = '---\n# editor note\ntitle: "Judul"\nstatus: published\ntags: [a, b]\n---\nBody.\n\n---\n\nstatus: in the body\n';
    expect(setFrontMatterField(source, 'status', 'draft')).toBe(
      '---\n# editor note\ntitle: "Judul"\nstatus: draft\ntags: [a, b]\n---\nBody.\n\n---\n\nstatus: in the body\n',
    );
  });

  it('keeps a byte order mark and reads back the new value', () => {
    const changed = setFrontMatterField(`\uFEFF${story}`, 'status', 'draft');
    expect(changed.startsWith('\uFEFF---\n')).toBe(true);
    expect(readFrontMatter(changed).data['status']).toBe('draft');
  });

  it('says the block is missing rather than writing one', () => {
    expect(() => setFrontMatterField('no front matter\n', 'status', 'draft')).toThrow(FrontMatterError);
  });
});
