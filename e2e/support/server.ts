import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * A second production server (`next start`) on the e2e build, with its own environment: for tests
 * that change the content it serves (publishing) without touching the server every other test reads.
 */
export interface TestServer {
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** Stops it (SIGTERM, Next's graceful shutdown; SIGKILL for a crash) and waits until it is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const root = path.resolve(__dirname, '../..');

/** `timeoutMs`: how long it may take to answer (60 s; more for a server that reads a large archive). */
export async function startServer({ port, env, timeoutMs = 60_000 }: { port: number; env: Record<string, string>; timeoutMs?: number }): Promise<TestServer> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start on port ${port} exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}/robots.txt`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`next start on port ${port} did not answer within ${timeoutMs / 1000} s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      await exited;
    },
  };
}

/**
 * What a server said, as a person would read it: its JSON log lines (lib/observability/log.mjs) as
 * their messages (with an error's message after), other lines (Next's own) as printed. Wording
 * with quotes, escaped inside the JSON, reads as written.
 */
export function logMessages(output: string): string {
  return output
    .split('\n')
    .map((line) => {
      if (!line.startsWith('{')) return line;
      try {
        const record = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        return [record.msg ?? '', record.err?.message ?? ''].filter(Boolean).join(' ');
      } catch {
        return line;
      }
    })
    .join('\n');
}
