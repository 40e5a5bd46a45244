import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'desk-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two processes opening a fresh desk file at once (the server's first request and
// `npm run desk:user`, or two commands in a script) both make better-auth's tables: neither fails.
describe('a fresh SQLite desk opened by several processes at once', () => {
  it('is prepared by all of them', { timeout: 120_000 }, async () => {
    const script = "const { prepareDesk, closeDesk } = await import('./lib/desk/auth.ts'); await prepareDesk(); await closeDesk(); console.log('ready');";
    for (let round = 0; round < 3; round++) {
      const file = path.join(dir, `desk-${round}.sqlite`);
      const env = { ...process.env, DESK_DB: file, DATABASE_URL: '' };
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env })),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as { stderr?: string }).stderr ?? r.reason).slice(0, 400)] : []));
      expect(failures).toEqual([]);
      expect(results.map((r) => r.status === 'fulfilled' && r.value.stdout.trim())).toEqual(['ready', 'ready', 'ready', 'ready']);
    }
  });
});
