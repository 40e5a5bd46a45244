// The four places where the site leans on Next's internals, and the one error they all fail with
// (docs/decisions/027-next-couplings.md). Plain JavaScript: the page cache handlers, which Next loads
// itself outside the app's bundles, fail with it too.
//
// A Next release that changes one of them must not be taken silently: the contract tests fail, and
// the server refuses to start or logs, naming the coupling and what changed.

import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The couplings, by the name every message uses. */
export const COUPLINGS = {
  guard: 'http-guard (lib/http/guard.ts: http.Server.prototype.emit("request"), decision 016)',
  rewrite: 'reader-html (lib/http/reader-html.ts: the shapes of Next\'s client runtime in a page, decision 020)',
  cache: 'cache-handler (lib/cache/: the calls Next makes on cacheHandler and the values it hands it, decisions 009/010)',
  start: 'instrumentation (instrumentation.ts: register() awaited by next start before it serves)',
};

/** Set to `off` to serve reader pages with Next's client runtime (the rewrite not installed). */
export const READER_HTML_REWRITE_ENV = 'READER_HTML_REWRITE';

export class NextCouplingError extends Error {
  /**
   * @param {keyof typeof COUPLINGS} coupling
   * @param {string} change what Next did that the coupling does not know
   * @param {string} [remedy] what the operator can do (a bypass, where there is one)
   */
  constructor(coupling, change, remedy) {
    super(`Next coupling ${COUPLINGS[coupling]} broke: ${change}.${remedy ? ` ${remedy}` : ''} See docs/decisions/027-next-couplings.md.`);
    this.name = 'NextCouplingError';
    this.coupling = coupling;
  }
}

// Both read as next@16.5.0 reads them: `next start --experimental-new-server` (cli/next-start.js:
// options.experimentalNewServer || isSwitchyardEnabled()), isSwitchyardEnabled being
// process.env.__NEXT_EXPERIMENTAL_SWITCHYARD === '1' (server/lib/switchyard-env.js).
const NEW_SERVER_FLAG = '--experimental-new-server';
const SWITCHYARD_ENV = '__NEXT_EXPERIMENTAL_SWITCHYARD';

/**
 * The config the build resolved, as `next build` wrote it for the server (required-server-files.json,
 * `config` = getNextConfigRuntime(): experimental.externalBrowserRuntime included). undefined when
 * there is no build (a unit test, `next dev`).
 */
export function resolvedNextConfig(distDir = process.env.NEXT_DIST_DIR || '.next') {
  try {
    return JSON.parse(readFileSync(path.join(path.resolve(/*turbopackIgnore: true*/ distDir), 'required-server-files.json'), 'utf8')).config;
  } catch {
    return undefined;
  }
}

/**
 * Why `next start` must not go on serving with this Next, or undefined. Checked from
 * instrumentation.ts before anything is installed.
 * - `--experimental-new-server` (Switchyard): another process takes the public port in front of
 *   Node's server, so the guard no longer meets every request first. No bypass: the guard refuses
 *   what Next would serve wrongly (methods, paths, bodies, the revalidation header).
 * - `experimental.externalBrowserRuntime`: the RSC payload goes out as `<template data-next-flight>`,
 *   which the rewrite does not remove; bypassed with READER_HTML_REWRITE=off (pages with the runtime).
 */
export function nextStartProblem({ argv = process.argv, env = process.env, config = resolvedNextConfig(env.NEXT_DIST_DIR || '.next') } = {}) {
  if (argv.includes(NEW_SERVER_FLAG) || env[SWITCHYARD_ENV] === '1') {
    return new NextCouplingError(
      'guard',
      `next start runs with the experimental new server (${argv.includes(NEW_SERVER_FLAG) ? NEW_SERVER_FLAG : `${SWITCHYARD_ENV}=1`}), which puts another process on the public port in front of Node's http.Server, so the guard no longer meets every request first`,
      `Start without ${NEW_SERVER_FLAG} and ${SWITCHYARD_ENV}; the guard has no bypass.`,
    );
  }
  if (config?.experimental?.externalBrowserRuntime === true && env[READER_HTML_REWRITE_ENV] !== 'off') {
    return new NextCouplingError(
      'rewrite',
      'the build has experimental.externalBrowserRuntime on, which writes the RSC payload as <template data-next-flight>, a shape the rewrite does not remove',
      `Turn it off in next.config.ts and build again, or start with ${READER_HTML_REWRITE_ENV}=off to serve reader pages with Next's client runtime.`,
    );
  }
  return undefined;
}

/**
 * Whether a response came through the guard: only the guard answers `/healthz` (with `ok`) and
 * refuses TRACE with 405 and `Allow`; Next alone answers 404 and 500. Throws NextCouplingError when not.
 * @param {{ health: { status: number, body: string }, trace: { status: number, allow: string | null } }} seen
 */
export function assertGuardReached({ health, trace }) {
  if (health.status === 200 && health.body.trim() === 'ok' && trace.status === 405 && trace.allow === 'GET, HEAD') return;
  throw new NextCouplingError(
    'guard',
    `the server answered without the guard (GET /healthz: ${health.status}, TRACE /: ${trace.status}): Next no longer dispatches its requests through http.Server.prototype.emit('request'), or another process answers on the port`,
    'The guard has no bypass: do not serve this Next until guard.ts hooks where Next now dispatches.',
  );
}

/**
 * Runs `load` (Next's step that loads instrumentation.ts and calls its register()) with a register()
 * that finishes later, and throws NextCouplingError when `load` resolved first: Next would then serve
 * before the guard, the live content and the rewrite are installed.
 * @param {(register: () => Promise<void>) => Promise<unknown>} load
 */
export async function assertRegisterAwaited(load) {
  let finished = false;
  await load(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    finished = true;
  });
  if (finished) return;
  throw new NextCouplingError(
    'start',
    'Next went on before register() finished: requests could reach the server before the guard, the live content and the rewrite are installed',
    'No bypass: do not serve this Next until instrumentation.ts installs its hooks before Next listens.',
  );
}
