/**
 * Security headers sent with every response (next.config.ts). The CSP choice is explained in
 * docs/decisions/004-content-security-policy.md.
 */
export function contentSecurityPolicy({ dev = false, frameSrc = "'none'", frameAncestors = "'none'" } = {}): string {
  return [
    "default-src 'self'",
    // Next's static pages carry inline bootstrap scripts whose content differs per page; a nonce
    // would make every page dynamic. See decision 004.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    `frame-src ${frameSrc}`,
    "worker-src 'self'",
  ].join('; ');
}

export function securityHeaders({ dev = false } = {}): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy({ dev }) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}

/** HSTS only means something over HTTPS; it is sent when SITE_URL is https. */
export function transportSecurityHeader(siteUrl: string): { key: string; value: string }[] {
  return siteUrl.startsWith('https:') ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : [];
}

/**
 * The desk's pages frame the reader page in Draft Mode beside the editor (issue 23): they may
 * frame the site's own pages, nothing else; nobody may frame them.
 */
export function deskPageHeaders({ dev = false } = {}): { key: string; value: string }[] {
  return [{ key: 'Content-Security-Policy', value: contentSecurityPolicy({ dev, frameSrc: "'self'" }) }];
}

/**
 * A page rendered for a valid preview (Draft Mode and the token cookie, decision 012) may be framed
 * by the site's own pages, the desk's preview panel: those two headers, replacing `DENY` and
 * `frame-ancestors 'none'`, on those responses only. Public pages keep refusing any frame.
 */
export function previewFramingHeaders({ dev = false } = {}): Record<string, string> {
  return { 'Content-Security-Policy': contentSecurityPolicy({ dev, frameAncestors: "'self'" }), 'X-Frame-Options': 'SAMEORIGIN' };
}
