// `npm test`: type-check, lint, unit tests, then end-to-end tests against a production build.
// Prints how long each phase took, so a slow phase is seen as the suite grows.
import { findExiftool } from './find-exiftool.mjs';
import { run } from './run.mjs';

// The photo tests read metadata with exiftool: found, or installed on Debian as root, before they run.
const exiftool = findExiftool();
if ('path' in exiftool) process.env.EXIFTOOL_PATH = exiftool.path;
else console.warn(`npm test: ${exiftool.reason}; the photo metadata checks will fail until it is installed.`);

const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint', '--', '--max-warnings', '0']],
  ['unit tests', 'npx', ['vitest', 'run']],
  // scripts/e2e.mjs prints its own split: build, then browser tests.
  ['end-to-end tests', 'node', ['scripts/e2e.mjs']],
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const timings = [];
const started = Date.now();

function printTimings(outcome) {
  const width = Math.max(...timings.map(([name]) => name.length), 'total'.length);
  console.log(`\nnpm test ${outcome}. Time per phase:`);
  for (const [name, ms] of timings) console.log(`  ${name.padEnd(width)}  ${seconds(ms).padStart(8)}`);
  console.log(`  ${'total'.padEnd(width)}  ${seconds(Date.now() - started).padStart(8)}`);
}

for (const [name, command, args] of steps) {
  const phaseStarted = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    await run(command, args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  } catch (error) {
    timings.push([`${name} (failed)`, Date.now() - phaseStarted]);
    console.error(`\n✖ ${name} failed: ${error.message}`);
    printTimings('failed');
    process.exit(1);
  }
  timings.push([name, Date.now() - phaseStarted]);
  console.log(`✔ ${name} (${seconds(Date.now() - phaseStarted)})`);
}
printTimings('passed');
