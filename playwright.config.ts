import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = process.env.E2E_PORT ?? '3100';
const executablePath = process.env.CHROMIUM_PATH;
// The desk's accounts for this run: a fresh SQLite file, shared by the server under test and the
// specs' `npm run desk:user` (set before the workers and the server start, which inherit it).
process.env.DESK_DB ??= path.join(tmpdir(), `kabar-e2e-desk-${port}-${process.pid}.sqlite`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Chromium as the probe of this machine runs it: no sandbox as root, and no background
// networking (the machine's network is closed and Chromium would keep trying).
const launchOptions = {
  executablePath,
  args: [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // A safety net in CI only; the suite reporter names every test that needed it.
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Budgets sized for a busy 2-core machine (a build, a server and two browsers share it): a test
  // that fails must fail on a condition, never because the machine was slow.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // A run on another port (several engineers on one machine) keeps its results apart: Playwright
  // empties its output folder when it starts.
  outputDir: port === '3100' ? 'test-results' : `test-results-${port}`,
  reporter: [['list'], ['html', { open: 'never', outputFolder: port === '3100' ? 'playwright-report' : `playwright-report-${port}` }], ['./e2e/support/suite-reporter.ts']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // An editor's broken article stops `next build`: a build of its own, run once and before the
    // browser projects, so it never competes with tests that time pages (`--no-deps` leaves it out).
    {
      name: 'content-errors',
      testMatch: /editor-content-errors\.spec\.ts/,
    },
    // Readers and editors in a browser: on a phone and on a desktop.
    {
      name: 'phone',
      testIgnore: [/crawler-.*\.spec\.ts/, /editor-publish.*\.spec\.ts/, /editor-content-errors\.spec\.ts/, /editor-add-language\.spec\.ts/, /cluster-.*\.spec\.ts/, /front-.*\.spec\.ts/, /editor-desk.*\.spec\.ts/, /editor-photos\.spec\.ts/],
      dependencies: ['content-errors'],
      use: { ...devices['Pixel 7'], browserName: 'chromium', launchOptions },
    },
    {
      name: 'desktop',
      testIgnore: [/crawler-.*\.spec\.ts/, /editor-publish.*\.spec\.ts/, /editor-content-errors\.spec\.ts/, /editor-add-language\.spec\.ts/, /cluster-.*\.spec\.ts/, /front-.*\.spec\.ts/, /editor-desk.*\.spec\.ts/, /editor-photos\.spec\.ts/],
      dependencies: ['content-errors'],
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, browserName: 'chromium', launchOptions },
    },
    // Crawlers and unfurling clients: plain HTTP, no JavaScript; run once.
    {
      name: 'crawler',
      testMatch: /crawler-.*\.spec\.ts/,
      use: { launchOptions },
    },
    // The newsroom's commands against a server of their own (publishing changes what it serves): run once.
    {
      name: 'newsroom',
      testMatch: /editor-publish.*\.spec\.ts/,
    },
    // Several instances of the site on shared services (Redis), started by the spec: run once.
    {
      name: 'cluster',
      testMatch: /cluster-.*\.spec\.ts/,
    },
    // Varnish in front of two instances, started by the spec: run once.
    {
      name: 'front',
      testMatch: /front-.*\.spec\.ts/,
    },
    // The newsroom's desk, once, on a 390 px phone (reporters file from the field): accounts made
    // with `npm run desk:user` in DESK_DB, shared with the server.
    {
      name: 'desk',
      testMatch: /editor-desk.*\.spec\.ts/,
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, browserName: 'chromium', launchOptions },
    },
    // Photos (issue 24): published from the command line to a server of the spec's own, checked by
    // decoding every derivative; the browser tests set their own viewports (360 px and desktop).
    {
      name: 'photos',
      testMatch: /editor-photos\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, browserName: 'chromium', launchOptions },
    },
    // A third language added from fixtures to a copy of the project, built and served there: run once.
    {
      name: 'languages',
      testMatch: /editor-add-language\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, browserName: 'chromium', launchOptions },
    },
  ],
  webServer: {
    command: `npx next start -H 127.0.0.1 -p ${port}`,
    env: { ...(process.env as Record<string, string>) },
    url: `http://127.0.0.1:${port}/robots.txt`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
