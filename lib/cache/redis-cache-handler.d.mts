export const TIMEOUT_MS: number;
export const MISSING_TTL_SECONDS: number;
export const PAGE_TTL_SECONDS: number;
export const MISSING_BUDGET_BYTES: number;
export function redactUrl(url: string): string;

export interface CacheContext {
  tags?: string[];
  softTags?: string[];
  cacheControl?: { revalidate?: number | false; expire?: number };
}

export interface CachedEntry {
  lastModified: number;
  value: unknown;
  cacheControl?: CacheContext['cacheControl'];
}

export class RedisPageCache {
  constructor(options: { url: string; buildId: string; prefix?: string; timeoutMs?: number; missingBudgetBytes?: number; log?: (line: string) => void });
  readonly client: { isReady: boolean };
  get(key: string, ctx?: CacheContext): Promise<CachedEntry | null>;
  set(key: string, value: unknown, ctx?: CacheContext): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  close(): Promise<void>;
}

export default class RedisCacheHandler {
  constructor(ctx?: { serverDistDir?: string });
  get(key: string, ctx?: CacheContext): Promise<CachedEntry | null>;
  set(key: string, value: unknown, ctx?: CacheContext): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
