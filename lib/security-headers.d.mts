// Types for lib/security-headers.mjs (plain JavaScript: next.config.mjs imports it).
export interface SecurityHeaderOptions {
  production: boolean;
  /** A fresh random value per request; null where no inline script may run (static assets). */
  nonce: string | null;
  /** Served over HTTPS (directly or behind a TLS-terminating proxy): adds HSTS. */
  https: boolean;
}

/** Two years, subdomains included: the browser never tries plain HTTP again. */
export const HSTS: string;
export function contentSecurityPolicy(options: Pick<SecurityHeaderOptions, "production" | "nonce">): string;
export function securityHeaders(options: SecurityHeaderOptions): { key: string; value: string }[];
/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string;
