import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { expect } from '@playwright/test';

/**
 * Runs scripts/find-<tool>.mjs as the plain-Node script it is (it may install a Debian package) and
 * returns what it found, or why not.
 */
export function findTool(tool: 'nginx' | 'redis' | 'varnish' | 'promtool'): { path: string } | { reason: string } {
  const script = path.resolve(__dirname, `../../scripts/find-${tool}.mjs`);
  const output = execFileSync(process.execPath, [script, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output) as { path: string } | { reason: string };
}

/** A TCP port free on 127.0.0.1 right now, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Retries `check` until it passes or `ms` have gone by (for what a publish changes a moment later). */
export async function within(ms: number, check: () => Promise<void>): Promise<void> {
  await expect(async () => check()).toPass({ timeout: ms, intervals: [100, 250, 500] });
}
