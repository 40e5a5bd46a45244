import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFingerprint, notificationAuditEntry, publishAuditEntries, recordCommandAudit } from '@/lib/desk/publish-audit';
import { openSqliteDeskStore } from '@/lib/desk/sqlite-store';

const dir = mkdtempSync(path.join(tmpdir(), 'kabar-publish-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (status: string) => `---\ntitle: "x"\nstatus: ${status}\n---\nBody.\n`;

describe('the audit of publishes from outside the desk', () => {
  it('makes one entry per file written or removed, with what the file now is', () => {
    const change = { write: [{ file: 'id/a.md', source: source('published') }, { file: 'en/a.md', source: source('draft') }], remove: ['id/old-a.md'] };
    const entries = publishAuditEntries(change, { kind: 'publish', inputs: [] }, { actor: 'cli', detail: 'npm run publish by OS user ayu@desk1', at: 5 });
    expect(entries).toEqual([
      { at: 5, actor: 'cli', action: 'story.publish', target: 'id/a.md', detail: 'npm run publish by OS user ayu@desk1' },
      { at: 5, actor: 'cli', action: 'story.save-draft', target: 'en/a.md', detail: 'npm run publish by OS user ayu@desk1' },
      { at: 5, actor: 'cli', action: 'story.remove', target: 'id/old-a.md', detail: 'npm run publish by OS user ayu@desk1; the story moved to a new slug' },
    ]);
    const takedown = publishAuditEntries({ write: [{ file: 'id/a.md', source: source('draft') }], remove: [] }, { kind: 'unpublish', ref: 'a' }, { actor: 'cli', detail: 'by x', at: 6 });
    expect(takedown).toEqual([{ at: 6, actor: 'cli', action: 'story.takedown', target: 'id/a.md', detail: 'by x; --unpublish a' }]);
  });

  it('names a notification’s sender, reason and key (by its fingerprint, never the key itself)', () => {
    const secret = 'a revalidate secret of at least thirty-two characters';
    const entry = notificationAuditEntry({ body: JSON.stringify({ reason: 'publish', files: ['id/a.md'], nonce: 'n', by: 'npm run publish (ayu@desk1)' }), files: ['id/a.md'], secret, from: '10.0.0.7', at: 9 });
    expect(entry).toEqual({
      at: 9,
      actor: 'webhook',
      action: 'content.notify',
      target: 'id/a.md',
      detail: `reason: publish; sent by: npm run publish (ayu@desk1); signed with key ${keyFingerprint(secret)}; from 10.0.0.7`,
    });
    expect(entry.detail).not.toContain(secret);
    expect(keyFingerprint(secret)).toMatch(/^sha256:[0-9a-f]{8}$/);
    const cms = notificationAuditEntry({ body: 'not json', files: undefined, secret, from: undefined, at: 9 });
    expect(cms.target).toBe('the whole content store');
    expect(cms.detail).toBe(`signed with key ${keyFingerprint(secret)}`);
  });

  it('writes into the desk store the server uses (DESK_DB, else data/desk.sqlite under the project folder)', async () => {
    const entry = { at: 1, actor: 'cli', action: 'story.publish', target: 'id/a.md', detail: 'x' };
    const warnings: string[] = [];
    await recordCommandAudit([entry], { env: { DESK_DB: path.join(dir, 'chosen.sqlite') }, root: '/nonexistent', warn: (m) => warnings.push(m) });
    await recordCommandAudit([{ ...entry, at: 2 }], { env: {}, root: dir, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    for (const [file, at] of [
      [path.join(dir, 'chosen.sqlite'), 1],
      [path.join(dir, 'data', 'desk.sqlite'), 2],
    ] as const) {
      const store = openSqliteDeskStore(file, {});
      expect((await store.listAudit()).map((e) => e.at), file).toEqual([at]);
      await store.close();
    }
  });

  it('warns, and never throws, when the store cannot be written', async () => {
    const warnings: string[] = [];
    const entry = { at: 1, actor: 'cli', action: 'story.publish', target: 'id/a.md' };
    await expect(recordCommandAudit([entry], { env: { DATABASE_URL: 'postgres://kabar@127.0.0.1:1/kabar' }, root: dir, warn: (m) => warnings.push(m) })).resolves.toBeUndefined();
    // A folder that cannot be made: a file is in its way.
    writeFileSync(path.join(dir, 'a-file'), '');
    const unwritable = path.join(dir, 'a-file', 'desk.sqlite');
    await expect(recordCommandAudit([entry], { env: { DESK_DB: unwritable }, root: dir, warn: (m) => warnings.push(m) })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/audit log could not be written.*127\.0\.0\.1:1/);
    expect(warnings[1]).toContain(unwritable);
  });
});
