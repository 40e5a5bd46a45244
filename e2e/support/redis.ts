import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findTool, freePort } from './tools';


/**
 * A Redis of the test's own, on a free port, keeping nothing on disk: a test may stop it (Redis
 * down) and start it again without touching a Redis anyone else uses.
 */
export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (its data goes with it). */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing answers, as with a Redis overloaded. */
  pause(): void;
  resume(): void;
  /** Stops it for good and removes its folder. */
  remove(): Promise<void>;
}


/** Resolves once the server answers PING, or rejects with what it printed. */
async function answering(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${output()}`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (pong) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer on ${port} within 15 s: ${output()}`);
}

/** Starts redis-server on a free port; resolves to the reason it cannot, when there is none. */
export async function startRedis(): Promise<TestRedis | { skipped: string }> {
  const found = findTool('redis');
  if ('reason' in found) return { skipped: found.reason };
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    output = '';
    child = spawn(
      found.path,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    try {
      await answering(port, child, () => output);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
