import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FolderStore, JOURNAL_FILE } from '@/lib/content/folder-store';
import { LOCK_FILE } from '@/lib/content/folder-lock';
import { validateFiles } from '@/lib/content/load';
import { folderChange, publishToFolder } from '@/lib/publish/apply';
import { planChange, PublishFailure } from '@/lib/publish/plan';
import { parseArticle } from '@/lib/content/parse';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function story(slug: string, { translationId = slug, title = `Judul ${slug}`, status = 'published' } = {}) {
  const at = iso(Date.now() - 3_600_000);
  return `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan."\nsection: world\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\nstatus: ${status}\n---\nIsi.\n`;
}

let dir: string;
let store: FolderStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'publish-apply-'));
  mkdirSync(path.join(dir, 'id'));
  store = new FolderStore(dir);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const publish = (name: string, source: string) => publishToFolder({ kind: 'publish', inputs: [{ name, source }] }, { store });
const takedowns = () => JSON.parse(readFileSync(path.join(dir, '.takedowns.json'), 'utf8')) as { slug: string }[];

describe('publishing to the content folder', () => {
  it('lets one of two publishes at once take a new slug and refuses the other, naming the story that has it', async () => {
    const results = await Promise.allSettled([publish('a.md', story('sama', { translationId: 'cerita-a', title: 'A' })), publish('b.md', story('sama', { translationId: 'cerita-b', title: 'B' }))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected')!.reason as PublishFailure;
    expect(refused).toBeInstanceOf(PublishFailure);
    expect(refused.exitCode).toBe(1);
    expect(refused.message).toMatch(/"sama" is already used by id\/sama\.md \(story "cerita-[ab]"\)/);
    const winner = results.findIndex((r) => r.status === 'fulfilled') === 0 ? 'A' : 'B';
    expect(readFileSync(path.join(dir, 'id', 'sama.md'), 'utf8'), 'the story that succeeded is the one on disk').toContain(`title: "${winner}"`);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('loses no takedown when two are recorded at once', async () => {
    for (const slug of ['satu', 'dua', 'tiga']) store.write([{ file: `id/${slug}.md`, source: story(slug) }]);
    await Promise.all(['satu', 'dua', 'tiga'].map((ref) => publishToFolder({ kind: 'unpublish', ref }, { store })));
    expect(takedowns().map((t) => t.slug).sort()).toEqual(['dua', 'satu', 'tiga']);
  });

  it('takes a story down while another file is broken, and reports that file as a warning', async () => {
    store.write([{ file: 'id/satu.md', source: story('satu') }]);
    writeFileSync(path.join(dir, 'id', 'rusak.md'), '---\ntitle: x\n---\n');
    const change = await publishToFolder({ kind: 'unpublish', ref: 'satu' }, { store });
    expect(change.warnings.map((w) => w.message).join('\n')).toContain('id/rusak.md: field "translationId" is required');
    expect(readFileSync(path.join(dir, 'id', 'satu.md'), 'utf8')).toContain('status: draft');
    expect(takedowns().map((t) => t.slug)).toEqual(['satu']);
    // A publish meanwhile is still refused: the broken file would be part of what it checks.
    await expect(publish('dua.md', story('dua'))).rejects.toThrow(/id\/rusak\.md/);
  });

  it('finishes a slug change that stopped between writing the new file and removing the old one', async () => {
    store.write([{ file: 'id/salah-ketk.md', source: story('salah-ketk', { translationId: 'cerita' }) }]);
    // What a crash right after the new file was written leaves: the journal, and both versions.
    const planned = planChange({ kind: 'publish', inputs: [{ name: 'x.md', source: story('salah-ketik', { translationId: 'cerita' }) }] }, store.read().files, parseArticle, (f) => store.source(f));
    writeFileSync(path.join(dir, JOURNAL_FILE), JSON.stringify({ pid: 1, at: 'then', change: folderChange(planned) }));
    store.write(planned.write);
    expect(() => validateFiles(new FolderStore(dir).read().files)).toThrow(/already has a "id" version/);

    await publish('lain.md', story('lain'));
    expect(readdirSync(path.join(dir, 'id')).sort()).toEqual(['lain.md', 'salah-ketik.md']);
    expect(takedowns().map((t) => t.slug), 'the old URL is recorded, so it redirects').toEqual(['salah-ketk']);
    expect(existsSync(path.join(dir, JOURNAL_FILE))).toBe(false);
  });

  it('is finished by the server when it opens the store, unless a publish holds the lock', async () => {
    store.write([{ file: 'id/lama.md', source: story('lama', { translationId: 'cerita' }) }]);
    const planned = planChange({ kind: 'publish', inputs: [{ name: 'x.md', source: story('baru', { translationId: 'cerita' }) }] }, store.read().files, parseArticle, (f) => store.source(f));
    writeFileSync(path.join(dir, JOURNAL_FILE), JSON.stringify({ pid: 1, at: 'then', change: folderChange(planned) }));
    store.write(planned.write);
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, hostname: hostname(), at: 'now', purpose: 'a publish' }));
    await new FolderStore(dir).open();
    expect(existsSync(path.join(dir, 'id', 'lama.md')), 'left to the lock holder').toBe(true);
    rmSync(path.join(dir, LOCK_FILE));
    await new FolderStore(dir).open();
    expect(readdirSync(path.join(dir, 'id'))).toEqual(['baru.md']);
    expect(() => validateFiles(new FolderStore(dir).read().files)).not.toThrow();
  });
});
