// Runs in every test worker before its test files: the tests assume the defaults of an unset
// environment (SITE_URL http://localhost:3000, no DATABASE_URL, no REDIS_URL, no secrets), whatever
// the shell that runs `npm test` exports (scripts/test-env.mjs).
import { clearSiteEnv } from './scripts/test-env.mjs';

clearSiteEnv(process.env);
