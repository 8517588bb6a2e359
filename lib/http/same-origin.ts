// Which requests may change anything: the checks proxy.ts applies to every state-changing API
// request before a route handler runs. A browser attaches the session cookie to a form posted from
// a sibling port or subdomain (SameSite counts those as the same site), and an HTML form can send a
// text/plain body that happens to parse as JSON; a same-origin Origin and a JSON content type are
// the two things such a form can never forge. Pure: no Next.js, no environment.

/** Methods that change nothing (RFC 9110 safe methods): never checked. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** What the request itself says about where it was sent. */
export interface RequestAddress {
  /** The Host header: the host and port the browser connected to. */
  host: string | null;
  /** X-Forwarded-Proto (set by a TLS-terminating proxy, or by Next.js itself), else null. */
  forwardedProto: string | null;
  /** The URL as the server sees it: the fallback when there is no Host header. */
  url: string;
}

/**
 * The origin the app is served at: APP_ORIGIN when it is configured (behind a proxy that rewrites
 * the host), else the request's own scheme, Host and port -- what a browser on the app's own pages
 * sends as Origin. The server's internal URL (often "localhost") is not that.
 */
export function appOrigin(request: RequestAddress, configured: string | undefined): string {
  if (configured && configured.trim() !== "") return new URL(configured.trim()).origin;
  const internal = new URL(request.url);
  const scheme = request.forwardedProto?.split(",")[0]?.trim().toLowerCase() || internal.protocol.replace(":", "");
  if (!request.host) return internal.origin;
  try {
    return new URL(`${scheme}://${request.host}`).origin;
  } catch {
    return internal.origin;
  }
}

/** True when `origin` (an Origin header value) names exactly `expected`: scheme, host and port. */
export function isSameOrigin(origin: string, expected: string): boolean {
  if (origin === "null") return false;
  try {
    const parsed = new URL(origin);
    // An Origin header is scheme://host[:port] and nothing else.
    if (parsed.pathname !== "/" || parsed.search !== "" || parsed.hash !== "" || parsed.username !== "") return false;
    return parsed.origin === new URL(expected).origin;
  } catch {
    return false;
  }
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

export interface WriteRequest {
  method: string;
  /** The Origin header, or null when absent. */
  origin: string | null;
  /** The Sec-Fetch-Site header, or null when absent. */
  fetchSite: string | null;
  contentType: string | null;
  /** appOrigin() for this request. */
  expectedOrigin: string;
  /** false for form-posted endpoints (signing out): only the origin is checked. */
  requireJson: boolean;
}

export type WriteCheck = { ok: true } | { ok: false; status: 403 | 415; error: string };

/**
 * Every browser sends Origin on a POST or PATCH; a request without one (and without the
 * Sec-Fetch-Site a browser would add) comes from a script or a command-line client, which a page
 * on another origin cannot drive with the user's cookie. A present Origin must be the app's own.
 */
export function checkWriteRequest(request: WriteRequest): WriteCheck {
  if (!changesState(request.method)) return { ok: true };
  const fromBrowser = request.origin !== null || request.fetchSite !== null;
  if (fromBrowser) {
    const sameOrigin =
      request.origin !== null ? isSameOrigin(request.origin, request.expectedOrigin) : request.fetchSite === "same-origin";
    if (!sameOrigin) {
      return {
        ok: false,
        status: 403,
        error:
          "This request came from another origin (a different site, port or scheme). Changes can only be made from CRS Watch's own pages.",
      };
    }
  }
  if (request.requireJson && !isJsonContentType(request.contentType)) {
    return { ok: false, status: 415, error: "Send the request body as JSON with the header Content-Type: application/json." };
  }
  return { ok: true };
}
