import { logWarn } from '../observability/log.mjs';

const warned = new Set<string>();

/**
 * A secret from the environment when it is usable, else undefined, so that what it guards answers
 * 404 as if it did not exist. `problem` says why it is not usable; that is logged once per server
 * process and kind of secret, not on every request.
 */
export function usableSecret(secret: string | undefined, problem: string | undefined, logTag: string): string | undefined {
  if (!problem) return secret;
  if (!warned.has(logTag)) {
    warned.add(logTag);
    logWarn(`[${logTag}] ${problem}`);
  }
  return undefined;
}
