// What the site reads from its environment, cleared before tests run (vitest.setup.ts, scripts/e2e.mjs):
// an operator's shell on a production host exports SITE_URL, DATABASE_URL, REDIS_URL and secrets,
// and a test that assumed the defaults would fail there, or worse, reach the production services.
// Each test sets what it relies on itself; the knobs meant for tests (E2E_*, REDIS_TEST_URL,
// TEST_DATABASE_URL, CHROMIUM_PATH, JAVA_PATH, *_PATH of tools) are left alone.

/** Every variable the site, its scripts and its server read as configuration. */
export const SITE_ENV = [
  'SITE_URL',
  'HOST',
  'PORT',
  'DATABASE_URL',
  'DATABASE_START_WAIT_MS',
  'DATABASE_POOL_SIZE',
  'ARTICLE_CACHE_SIZE',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'PURGE_URL',
  'CONTENT_DIR',
  'MESSAGES_DIR',
  'PRERENDER_RECENT',
  'PUBLISH_LOCK_WAIT_MS',
  'PURGE_RETRY_MS',
  'PURGE_REPEAT_MS',
  'VARNISH_STORAGE',
  'READER_HTML_REWRITE',
  'DESK_DB',
  'MEDIA_DIR',
  'MEDIA_CACHE_DIR',
  'MEDIA_CACHE_MB',
  'MEDIA_MAX_BYTES',
  'MEDIA_MAX_PIXELS',
  'DESK_PASSWORD',
  // Secrets and tokens.
  'PREVIEW_SECRET',
  'REVALIDATE_SECRET',
  'DESK_SECRET',
  'METRICS_TOKEN',
  // Read by better-auth itself when set (the desk passes its own).
  'BETTER_AUTH_SECRET',
  'BETTER_AUTH_URL',
  // Operations.
  'LOG_LEVEL',
  'VITALS_SAMPLE_RATE',
];

/** A copy of `env` without the site's configuration. */
export function withoutSiteEnv(env) {
  const copy = { ...env };
  for (const name of SITE_ENV) delete copy[name];
  return copy;
}

/** Removes the site's configuration from `env` in place (process.env of a test worker). */
export function clearSiteEnv(env) {
  for (const name of SITE_ENV) delete env[name];
}
