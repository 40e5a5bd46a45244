// Types of token.mjs (plain JavaScript so that scripts/preview-link.mjs can run under plain Node).

export interface PreviewClaims {
  /** The story (shared by its language versions). */
  translationId: string;
  /** The language the story is previewed in (the page's; may fall back to the other version). */
  locale: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type PreviewTokenCheck =
  | { ok: true; claims: PreviewClaims }
  | { ok: false; reason: 'malformed' }
  | { ok: false; reason: 'signature' | 'expired'; locale: string };

export const MIN_SECRET_LENGTH: number;
export const MAX_TTL_SECONDS: number;
export const DEFAULT_TTL_SECONDS: number;
export function previewSecretProblem(secret: string | undefined): string | undefined;
export function signPreviewToken(claims: PreviewClaims, secret: string): string;
export function verifyPreviewToken(token: string | null | undefined, secret: string, now?: number): PreviewTokenCheck;
/** `<siteUrl>/api/preview?token=…`; throws like signPreviewToken, or on a siteUrl that is not absolute. */
export function previewLink(claims: PreviewClaims, secret: string, siteUrl: string | URL): string;
export function parseTtl(text: string): number;
