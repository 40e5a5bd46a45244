export declare const SITE_ENV: readonly string[];
export declare function withoutSiteEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function clearSiteEnv(env: NodeJS.ProcessEnv): void;
