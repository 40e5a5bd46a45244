import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { backendsVcl, varnishdArgs, workDir } from '../../deploy/varnish/backends.cjs';
import { findTool, freePort } from './tools';

const execFileAsync = promisify(execFile);

export interface TestVarnish {
  /** The public listener: readers (PURGE is refused here). */
  url: string;
  /** Its working folder, for `varnishstat -n` and `varnishadm -n`. */
  workDir: string;
  /** The purge listener (`-a purge=…`), with a trailing slash: what the instances' PURGE_URL names. */
  purgeUrl: string;
  /** A counter of varnishstat, e.g. MAIN.n_object (objects in the cache). */
  stat(counter: string): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * varnishd of the test's own: the repository's deploy/varnish/default.vcl, with a backends.vcl
 * written for `backendPorts` (found first on vcl_path, before the repository's), a working folder
 * of its own (-n), a free port (or `port`) for readers and another (or `purgePort`) for purges.
 * Resolves to the reason it cannot, when there is no varnishd.
 */
export async function startVarnish({ backendPorts, port: wanted, purgePort: wantedPurge }: { backendPorts: number[]; port?: number; purgePort?: number }): Promise<TestVarnish | { skipped: string }> {
  const found = findTool('varnish');
  if ('reason' in found) return { skipped: found.reason };
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-varnish-'));
  writeFileSync(path.join(dir, 'backends.vcl'), backendsVcl(backendPorts));
  const port = wanted ?? (await freePort());
  const purgePort = wantedPurge ?? (await freePort());
  let output = '';
  const child: ChildProcess = spawn(found.path, varnishdArgs({ dir, listen: `127.0.0.1:${port}`, purgeListen: `127.0.0.1:${purgePort}` }), { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`varnishd exited with ${child.exitCode}:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/robots.txt`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`varnishd on ${port} did not serve /robots.txt within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stat = async (counter: string) => {
    const { stdout } = await execFileAsync('varnishstat', ['-n', workDir(dir), '-1', '-f', counter]);
    const value = new RegExp(`^${counter.replace('.', '\\.')}\\s+(\\d+)`, 'm').exec(stdout)?.[1];
    if (value === undefined) throw new Error(`varnishstat has no ${counter}:\n${stdout}`);
    return Number(value);
  };
  return { url, workDir: workDir(dir), purgeUrl: `http://127.0.0.1:${purgePort}/`, stat, output: () => output, stop };
}
