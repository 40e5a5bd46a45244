import { execFile } from 'node:child_process';
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
  it('refuses a second story the new slug another story has just taken, naming it, and keeps the first on disk', async () => {
    // In one process the two take turns; the race between processes is e2e/editor-publish.spec.ts's.
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

  it('loses no takedown when several processes record them at once', async () => {
    const slugs = Array.from({ length: 4 }, (_, p) => Array.from({ length: 8 }, (_, i) => `cerita-${p}-${i}`));
    for (const slug of slugs.flat()) store.write([{ file: `id/${slug}.md`, source: story(slug) }]);
    // Four processes, each taking its eight stories down one after the other, all at once.
    const script = `const apply = await import('@/lib/publish/apply'); const { publishToFolder } = apply.publishToFolder ? apply : apply.default; for (const ref of JSON.parse(process.argv[1])) await publishToFolder({ kind: 'unpublish', ref }, { lockWaitMs: 60000 });`;
    await Promise.all(
      slugs.map(
        (mine) =>
          new Promise<void>((resolve, reject) => {
            execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(mine)], { cwd: process.cwd(), env: { ...process.env, CONTENT_DIR: dir } }, (error, _stdout, stderr) =>
              error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
            );
          }),
      ),
    );
    expect(takedowns().map((t) => t.slug).sort()).toEqual(slugs.flat().sort());
  }, 60_000);

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

  it('moves a story to its new slug only from the file an input says it replaces (the desk’s), else refuses naming the story’s file', async () => {
    store.write([{ file: 'id/lama.md', source: story('lama', { translationId: 'cerita' }) }]);
    const moved = (replaces?: string) => planChange({ kind: 'publish', inputs: [{ name: 'id/baru.md', source: story('baru', { translationId: 'cerita' }), ...(replaces === undefined ? {} : { replaces }) }] }, store.read().files, parseArticle, (f) => store.source(f));
    expect(moved().remove, 'npm run publish: a slug change').toEqual(['id/lama.md']);
    expect(moved('id/lama.md').remove, 'the desk form loaded from that file').toEqual(['id/lama.md']);
    for (const replaces of ['', 'id/lain.md']) expect(() => moved(replaces), replaces).toThrow(/"cerita" is the story of id\/lama\.md in locale "id"/);
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
