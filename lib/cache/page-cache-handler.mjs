// The page cache Next uses (`cacheHandler` in next.config.ts), chosen when the server starts, by the
// server's own environment: shared through Redis when REDIS_URL is set (decision 009), else the
// embedded default, in memory (decision 010).
//
// Chosen here rather than in next.config.ts: `next start` reads next.config again, but a standalone
// server takes the config frozen at build time, and a build is not told where it will run.
// `next build` itself always prerenders into memory: its pages are not served from the handler
// anyway (decision 010), and a build must not write into a Redis that production reads.

import ContentCacheHandler from './content-cache-handler.mjs';
import { withNextContract } from './next-contract.mjs';

const shared = process.env.REDIS_URL && process.env.NEXT_PHASE !== 'phase-production-build';
// Either way checked against the cache-handler API it was written for (next-contract.mjs, decision 027).
const PageCacheHandler = withNextContract(shared ? (await import('./redis-cache-handler.mjs')).default : ContentCacheHandler);

export default PageCacheHandler;
