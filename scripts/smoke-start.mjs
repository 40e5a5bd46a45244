// `node scripts/smoke-start.mjs`: the README's first command on whatever Node.js runs this script
// (.ci/run runs it on the oldest supported line, 22): a production build in a folder of its own,
// `next start` bound to 127.0.0.1 and reached as another Host behind a TLS terminator, and the
// checks a reader would notice. Prints "N passed, N failed" and exits 1 on any failure.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, waitForServer } from './run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const next = path.join(root, 'node_modules/next/dist/bin/next');
const distDir = '.next-smoke';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const port = await freePort();
// Only what the README's first command has: no service, the content folder, this Node.js.
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_DIST_DIR: distDir,
  SITE_URL: 'https://kabar.example',
};
console.log(`smoke: node ${process.version}, next build into ${distDir}`);
// `next build` adds "<distDir>/types/**" to tsconfig.json: put the file back as it was.
const tsconfig = readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
try {
  await run(process.execPath, [path.join(root, 'scripts/languages.mjs')], { env, cwd: root });
  await run(process.execPath, [next, 'build'], { env, cwd: root });
} finally {
  if (readFileSync(path.join(root, 'tsconfig.json'), 'utf8') !== tsconfig) writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
}
const server = spawn(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', String(port)], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stdout.on('data', (d) => (log += d));
server.stderr.on('data', (d) => (log += d));

const results = [];
async function check(name, url, expectations) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${url}`, { redirect: 'manual', headers: { Host: 'kabar.example', 'X-Forwarded-Proto': 'https', 'Accept-Encoding': 'gzip' } });
    const text = await response.text();
    const problems = expectations({ status: response.status, text, headers: response.headers });
    results.push([name, problems]);
  } catch (error) {
    results.push([name, [error.message]]);
  }
}
try {
  await waitForServer(`http://127.0.0.1:${port}/robots.txt`, 60_000);
  await check('the seed article in Indonesian', '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global', ({ status, text }) =>
    [status === 200 || `status ${status}`, text.includes('Sumber: Cnbc') || 'no "Sumber: Cnbc"', text.includes('Berita Terbaru') || 'no "Berita Terbaru"', text.includes('https://kabar.example/id/berita/') || 'no canonical URL on SITE_URL'].filter((p) => p !== true),
  );
  await check('the seed article in English', '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative', ({ status, text }) =>
    [status === 200 || `status ${status}`, text.includes('Source: Cnbc') || 'no "Source: Cnbc"', text.includes('Latest News') || 'no "Latest News"'].filter((p) => p !== true),
  );
  await check('an unknown language is a 404', '/fr/x', ({ status }) => [status === 404 || `status ${status}`].filter((p) => p !== true));
  await check('the root redirects to a language', '/', ({ status, headers }) => [status === 307 || `status ${status}`, /^\/(id|en)$/.test(headers.get('location') ?? '') || `location ${headers.get('location')}`].filter((p) => p !== true));
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(path.join(root, distDir), { recursive: true, force: true });
}
let failed = 0;
for (const [name, problems] of results) {
  if (problems.length) failed++;
  console.log(`${problems.length ? '✖' : '✔'} ${name}${problems.length ? `: ${problems.join('; ')}` : ''}`);
}
if (failed) console.log(log.slice(-4000));
console.log(`smoke: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
