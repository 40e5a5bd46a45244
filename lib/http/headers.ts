/**
 * Security headers sent with every response (next.config.ts). The CSP choice is explained in
 * docs/decisions/004-content-security-policy.md.
 */
export function contentSecurityPolicy({ dev = false } = {}): string {
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
    "frame-ancestors 'none'",
    "frame-src 'none'",
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
