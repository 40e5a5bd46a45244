import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installHttpGuard } from './guard';
import { assertGuardReached, assertRegisterAwaited, nextStartProblem } from './next-couplings.mjs';

// Three of the site's couplings to Next's internals (decision 027), checked against next@16.5.0's
// own code where it can be run, and each shown to fail, by name, against a Next that changed it.

const require = createRequire(import.meta.url);
const nextDist = path.dirname(require.resolve('next/dist/server/next-server.js'));

describe('start: what next start is run with (instrumentation.ts refuses)', () => {
  const normal = { argv: ['node', 'next', 'start', '-p', '3000'], env: {}, config: { experimental: { inlineCss: true } } };

  it('lets a plain next start through', () => {
    expect(nextStartProblem(normal)).toBeUndefined();
  });

  it('refuses the experimental new server, by flag or by the variable Next 16.5 reads', () => {
    expect(nextStartProblem({ ...normal, argv: [...normal.argv, '--experimental-new-server'] })?.message).toMatch(
      /^Next coupling http-guard .* broke: next start runs with the experimental new server \(--experimental-new-server\), which puts another process on the public port/,
    );
    expect(nextStartProblem({ ...normal, env: { __NEXT_EXPERIMENTAL_SWITCHYARD: '1' } })?.message).toMatch(/broke: next start runs with the experimental new server \(__NEXT_EXPERIMENTAL_SWITCHYARD=1\)/);
  });

  it('refuses a build with experimental.externalBrowserRuntime, unless READER_HTML_REWRITE=off', () => {
    const config = { experimental: { externalBrowserRuntime: true } };
    expect(nextStartProblem({ ...normal, config })?.message).toMatch(
      /^Next coupling reader-html .* broke: the build has experimental.externalBrowserRuntime on, which writes the RSC payload as <template data-next-flight>.* READER_HTML_REWRITE=off/,
    );
    expect(nextStartProblem({ ...normal, config, env: { READER_HTML_REWRITE: 'off' } })).toBeUndefined();
  });

  it('reads the flag and the variable where next@16.5.0 reads them', () => {
    const { SWITCHYARD_ENV } = require('next/dist/server/lib/switchyard-env') as { SWITCHYARD_ENV: string };
    expect(SWITCHYARD_ENV, 'the variable that turns Switchyard on').toBe('__NEXT_EXPERIMENTAL_SWITCHYARD');
    const start = readFileSync(path.join(nextDist, '..', 'cli', 'next-start.js'), 'utf8');
    expect(start, 'next start chooses Switchyard by flag or variable').toMatch(/options\.experimentalNewServer \|\| \(0, _switchyard\.isSwitchyardEnabled\)\(\)/);
    const bin = readFileSync(path.join(nextDist, '..', 'bin', 'next'), 'utf8');
    expect(bin, 'the flag').toContain("'--experimental-new-server'");
    const config = readFileSync(path.join(nextDist, 'config-shared.js'), 'utf8');
    expect(config, 'the build writes externalBrowserRuntime into the runtime config').toContain('externalBrowserRuntime: ex.externalBrowserRuntime');
  });
});

describe('guard: Next’s requests reach http.Server.prototype.emit', () => {
  installHttpGuard();
  const servers: http.Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  async function seen(server: http.Server) {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const send = (method: string, target: string) =>
      new Promise<{ status: number; allow: string | null; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method, path: target }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: (res.headers.allow as string) ?? null, body }));
        });
        req.on('error', reject);
        req.end();
      });
    return { health: await send('GET', '/healthz'), trace: await send('TRACE', '/') };
  }
  /** A stand-in for Next: 404 for what it does not know, 500 for TRACE (its Request refuses it). */
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.statusCode = req.method === 'TRACE' ? 500 : 404;
    res.end('next\n');
  };

  it('meets a server made as next@16.5.0 makes it (http.createServer with a request listener)', async () => {
    const source = readFileSync(path.join(nextDist, 'lib', 'start-server.js'), 'utf8');
    expect(source, 'next start makes its server with http.createServer(…, requestListener)').toMatch(/_http\.default\.createServer\(\{[\s\S]{0,200}\}, requestListener\)/);
    const answers = await seen(http.createServer(next));
    expect(() => assertGuardReached(answers)).not.toThrow();
  });

  it('names the coupling when the server dispatches its requests another way', async () => {
    // A Next that stops going through http.Server.prototype.emit('request'): its server's own emit.
    class OtherServer extends http.Server {
      emit(event: string | symbol, ...args: unknown[]): boolean {
        return EventEmitter.prototype.emit.call(this, event, ...args);
      }
    }
    const answers = await seen(new OtherServer(next));
    expect(answers.health.status).toBe(404);
    expect(() => assertGuardReached(answers)).toThrow(/^Next coupling http-guard .* broke: the server answered without the guard \(GET \/healthz: 404, TRACE \/: 500\)/);
  });
});

describe('start: Next awaits register() before it serves', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** next@16.5.0's own loader (NextServer.prepareImpl awaits it), fresh, on a build whose instrumentation calls `register`. */
  function nextLoader(register: () => Promise<void>) {
    const dir = mkdtempSync(path.join(tmpdir(), 'next-couplings-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, '.next', 'server'), { recursive: true });
    const key = `__nextCouplingsRegister${dirs.length}`;
    (globalThis as Record<string, unknown>)[key] = register;
    writeFileSync(path.join(dir, '.next', 'server', 'instrumentation.js'), `exports.register = () => globalThis.${key}();\n`);
    const id = require.resolve('next/dist/server/lib/router-utils/instrumentation-globals.external');
    delete require.cache[id];
    const { ensureInstrumentationRegistered } = require(id) as { ensureInstrumentationRegistered: (dir: string, distDir: string) => Promise<void> };
    return ensureInstrumentationRegistered(dir, '.next');
  }

  it('next@16.5.0 awaits register(), and prepareImpl awaits that', async () => {
    await expect(assertRegisterAwaited(nextLoader)).resolves.toBeUndefined();
    const source = readFileSync(path.join(nextDist, 'next-server.js'), 'utf8');
    expect(source).toMatch(/await \(0, _instrumentationglobalsexternal\.ensureInstrumentationRegistered\)\(this\.dir, this\.nextConfig\.distDir\)/);
  });

  it('a register() that throws stops next@16.5.0, with the coupling’s message', async () => {
    const refused = nextLoader(async () => {
      throw nextStartProblem({ argv: ['--experimental-new-server'], env: {}, config: null })!;
    });
    await expect(refused).rejects.toThrow(/An error occurred while loading instrumentation hook: Next coupling http-guard .* broke/);
  });

  it('names the coupling when Next goes on before register() finishes', async () => {
    const notAwaiting = async (register: () => Promise<void>) => {
      void register();
    };
    await expect(assertRegisterAwaited(notAwaiting)).rejects.toThrow(/^Next coupling instrumentation .* broke: Next went on before register\(\) finished/);
  });
});
