export const KNOWN_CALLS: Set<string>;
export function checkCacheValue(value: unknown): void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withNextContract<T extends new (...args: any[]) => object>(Handler: T, report?: (error: Error) => void): T;
export function onceLogged(log?: (line: string) => void): (error: Error) => void;
