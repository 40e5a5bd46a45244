import { previewSecretProblem } from '@/lib/preview/token.mjs';

let warned = false;

/**
 * PREVIEW_SECRET when it is usable, else undefined: the preview routes then answer 404 as if they
 * did not exist. The reason is logged once per server process, not on every request.
 */
export function previewSecret(env: Record<string, string | undefined> = process.env): string | undefined {
  const secret = env.PREVIEW_SECRET;
  const problem = previewSecretProblem(secret);
  if (!problem) return secret;
  if (!warned) {
    warned = true;
    console.warn(`[preview] ${problem}`);
  }
  return undefined;
}
