import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';

// What the README promises about starting the site: `npm start` listens where HOST and PORT say,
// and a missing or too short PREVIEW_SECRET turns previews off (404) with one log line that says
// why. Each test starts its own `npm start` on the end-to-end build, beside the suite's server.

const ROOT = process.cwd();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  origin: string;
}

/** `npm start` with these variables; resolves once it answers (polled, not slept). */
async function npmStart(env: Record<string, string | undefined>): Promise<Started> {
  const port = await freePort();
  let output = '';
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
        return fetch(`${origin}/robots.txt`).then((r) => r.status, () => 0);
      },
      { timeout: 30_000, message: `npm start answers on ${origin}` },
    )
    .toBe(200);
  return { child, output: () => output, origin };
}

function stop({ child }: Started) {
  // npm starts next as a child: end the whole process group this test started.
  if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
}

test('npm start listens on HOST and PORT', async () => {
  const server = await npmStart({});
  try {
    expect(server.output()).toContain(server.origin.replace('http://', ''));
    const response = await fetch(`${server.origin}/id`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Kabar Kini');
  } finally {
    stop(server);
  }
});

for (const [name, secret, expected] of [
  ['missing', undefined, /\[preview\] PREVIEW_SECRET is not set: previews are off/g],
  ['short', 'only-twenty-characters', /\[preview\] PREVIEW_SECRET is 22 characters long: previews are off. It must be at least 32/g],
] as const) {
  test(`a ${name} PREVIEW_SECRET: previews answer 404, and the log says why, once`, async () => {
    const server = await npmStart({ PREVIEW_SECRET: secret });
    try {
      for (const path of ['/api/preview?token=x', '/api/preview?token=y', '/api/preview/share-image?id=draft-ai-governance-explainer&locale=id']) {
        const response = await fetch(`${server.origin}${path}`, { redirect: 'manual' });
        expect(response.status, path).toBe(404);
        expect(response.headers.get('set-cookie'), `${path} sets no Draft Mode cookie`).toBeNull();
      }
      await expect.poll(() => server.output().match(expected)?.length ?? 0, { message: server.output() }).toBe(1);
      expect(server.output().match(/\[preview\]/g)).toHaveLength(1);
    } finally {
      stop(server);
    }
  });
}
