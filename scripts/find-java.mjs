// Finds a Java runtime for the Nu HTML Checker (vnu-jar, e2e/crawler-html-validity.spec.ts), in
// this order:
//   1. JAVA_PATH (an explicit choice always wins);
//   2. JAVA_HOME/bin/java, then `java` on the PATH;
//   3. on Debian as root with apt-get: installs Debian's default-jre-headless package;
// otherwise stops with a message that says how to get one. The same pattern as find-chromium.mjs:
// the HTML check must run on a fresh machine and in CI, never be skipped for want of Java.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { installDebianPackages } from './debian-tools.mjs';

function works(java) {
  return spawnSync(java, ['-version'], { stdio: 'ignore' }).status === 0;
}

function onPath() {
  const result = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' });
  const found = result.status === 0 ? result.stdout.trim() : '';
  return found && works(found) ? found : undefined;
}

export function findJava({ install = true, log = (m) => console.error(m) } = {}) {
  const explicit = process.env.JAVA_PATH;
  if (explicit) {
    if (works(explicit)) return explicit;
    throw new Error(`JAVA_PATH is set to "${explicit}", but "${explicit} -version" does not run.`);
  }
  const home = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  const found = (home && works(home) ? home : undefined) ?? onPath();
  if (found) return found;
  if (install && installDebianPackages(['default-jre-headless'], log)) {
    const installed = onPath();
    if (installed) return installed;
  }
  throw new Error(
    [
      'No Java runtime found for the Nu HTML Checker (e2e/crawler-html-validity.spec.ts). Any one of these works:',
      '  - Debian/Ubuntu: sudo apt-get install -y default-jre-headless',
      '  - macOS: brew install openjdk',
      '  - point JAVA_PATH at a java binary (Java 11 or newer)',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findJava());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
