// `npm test`: type-check, lint, unit tests, then end-to-end tests against a production build.
import { run } from './run.mjs';

const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint', '--', '--max-warnings', '0']],
  ['unit tests', 'npx', ['vitest', 'run']],
  ['end-to-end tests', 'node', ['scripts/e2e.mjs']],
];

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    await run(command, args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  } catch (error) {
    console.error(`\n✖ ${name} failed: ${error.message}`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
