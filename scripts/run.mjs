// Small helpers shared by the test and benchmark scripts.
import { spawn } from 'node:child_process';

/** Runs a command with inherited output; resolves on exit 0, rejects naming the command otherwise. */
export function run(command, args, { env = process.env, cwd = process.cwd(), quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env, cwd });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(output) : reject(Object.assign(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`), { output, code })),
    );
  });
}

/** Waits until an HTTP server answers (any status), or throws after `timeoutMs`. */
export async function waitForServer(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Server at ${url} did not answer within ${timeoutMs} ms`);
}
