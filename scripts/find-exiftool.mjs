// Finds exiftool for the photo tests (lib/media), which read every derivative's metadata the way a
// reader's tools would, to prove no GPS, camera or caption survives, in this order:
//   1. EXIFTOOL_PATH (an explicit choice always wins);
//   2. a system exiftool (/usr/bin/exiftool, …);
//   3. on Debian as root with apt-get: installs Debian's libimage-exiftool-perl package;
// otherwise returns the reason, and those checks fail saying it (they are the point of the tests).
import { existsSync } from 'node:fs';
import { findOptionalTool, runFinder } from './debian-tools.mjs';

const SYSTEM_CANDIDATES = ['/usr/bin/exiftool', '/usr/local/bin/exiftool', '/opt/homebrew/bin/exiftool'];

/** @returns {{ path: string } | { reason: string }} */
export function findExiftool(options = {}) {
  return findOptionalTool({
    envVar: 'EXIFTOOL_PATH',
    locate: () => SYSTEM_CANDIDATES.find((p) => existsSync(p)),
    packages: ['libimage-exiftool-perl'],
    missing: 'no exiftool found (install it: Debian/Ubuntu `apt-get install libimage-exiftool-perl`, macOS `brew install exiftool`, or set EXIFTOOL_PATH)',
    ...options,
  });
}

runFinder(import.meta.url, findExiftool);
