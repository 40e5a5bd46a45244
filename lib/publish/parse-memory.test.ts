import { cpSync, mkdirSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validationCodeVersion } from '@/lib/publish/parse-memory';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('validationCodeVersion', () => {
  it('is the same for the command and the server in one project folder, and changes with the validation code', () => {
    const version = validationCodeVersion(process.cwd());
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    dir = mkdtempSync(path.join(tmpdir(), 'parse-memory-'));
    mkdirSync(path.join(dir, 'lib'), { recursive: true });
    cpSync(path.join(process.cwd(), 'lib/content'), path.join(dir, 'lib/content'), { recursive: true });
    cpSync(path.join(process.cwd(), 'lib/site.ts'), path.join(dir, 'lib/site.ts'));
    expect(validationCodeVersion(dir), 'a copy of the same code').toBe(version);
    appendFileSync(path.join(dir, 'lib/content/schema.ts'), '\n// a change\n');
    expect(validationCodeVersion(dir)).not.toBe(version);
  });

  it('is undefined where the code is not there (nothing is remembered then)', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parse-memory-'));
    expect(validationCodeVersion(dir)).toBeUndefined();
  });
});
