// Security headers. proxy.ts sends the full set on every page and API answer, with a fresh
// script nonce per request: Next.js reads the nonce from the request's Content-Security-Policy
// and puts it on its own inline bootstrap scripts, so no inline script without it runs.
// next.config.mjs sends the same set, without a nonce (no inline script may run at all), on what
// the proxy does not see (static assets). The app loads nothing from any other origin, and no page
// may be framed. Pure: the caller says whether this is a production build and whether HTTPS.
// Plain JavaScript (types in security-headers.d.mts) because next.config.mjs imports it: a
// TypeScript config makes the production server load Next's SWC compiler, 25 MB resident, only to
// read its configuration at start.

/** Two years, subdomains included: the browser never tries plain HTTP again. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** @param {Pick<import("./security-headers.mjs").SecurityHeaderOptions, "production" | "nonce">} options */
export function contentSecurityPolicy({ production, nonce }) {
  // Next's chunks are files on 'self'; inline scripts need the nonce. No 'strict-dynamic': it would
  // let any running script add inline scripts without one.
  const scripts = nonce ? ["'self'", `'nonce-${nonce}'`] : ["'self'"];
  // React's development build needs eval for its error overlays; production never does.
  if (!production) scripts.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    // Inline style attributes (style={{...}}) are used throughout; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** @param {import("./security-headers.mjs").SecurityHeaderOptions} options */
export function securityHeaders(options) {
  const headers = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    // The full URL (patient ids) never leaves the app; same-origin requests keep their Origin,
    // which server actions require (with "no-referrer" Chromium sends "Origin: null" on a form post).
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
  if (options.https) headers.push({ key: "Strict-Transport-Security", value: HSTS });
  return headers;
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
