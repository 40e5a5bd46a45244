export declare const SITE_ENV: readonly string[];
export declare function withoutSiteEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function clearSiteEnv(env: Record<string, string | undefined>): void;
