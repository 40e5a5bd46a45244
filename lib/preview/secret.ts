import { previewSecretProblem } from '@/lib/preview/token.mjs';
import { usableSecret } from '@/lib/http/usable-secret';

/**
 * PREVIEW_SECRET when it is usable, else undefined: the preview routes then answer 404 as if they
 * did not exist. The reason is logged once per server process, not on every request.
 */
export function previewSecret(env: Record<string, string | undefined> = process.env): string | undefined {
  return usableSecret(env.PREVIEW_SECRET, previewSecretProblem(env.PREVIEW_SECRET), 'preview');
}
