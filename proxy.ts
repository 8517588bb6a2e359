// Runs before every page, server action and route handler (not static assets). It
//  - refuses what no handler should see: a URL with a malformed percent-escape (400), a
//    state-changing API request from another origin (403) or not sent as JSON (415), a JSON body
//    or a server action's arguments holding a lone UTF-16 surrogate (400) -- each with the
//    security headers and nothing stored;
//  - sends the security headers with a fresh script nonce (lib/security-headers.mjs), no-store
//    (every answer may carry patient data), and HSTS when served over HTTPS;
//  - passes the requested path to server components (for "sign in, then back to where you were"
//    and for naming the page in permission-denial audit events).
// Access itself is decided in lib/auth/guard.ts, never here.
import { NextResponse, type NextRequest } from "next/server";
import { appOrigin, checkWriteRequest, changesState } from "@/lib/http/same-origin";
import { actionBodyIsWellFormed, jsonTextIsWellFormed } from "@/lib/http/well-formed-json";
import { newNonce, securityHeaders } from "@/lib/security-headers.mjs";

const production = process.env.NODE_ENV === "production";

function servedOverHttps(request: NextRequest): boolean {
  const configured = process.env.APP_ORIGIN?.trim();
  if (configured) return configured.startsWith("https:");
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || request.nextUrl.protocol === "https:";
}

function withSecurityHeaders(response: NextResponse, request: NextRequest, nonce: string | null): NextResponse {
  for (const { key, value } of securityHeaders({ production, nonce, https: servedOverHttps(request) }))
    response.headers.set(key, value);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

function refuse(request: NextRequest, status: number, error: string): NextResponse {
  return withSecurityHeaders(NextResponse.json({ error }, { status }), request, null);
}

function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * What a state-changing request must be: JSON to the API; anything else that changes state is a
 * form post (signing out, a server action), held to the same origin check, so a cross-origin
 * action is refused here with the security headers rather than by Next with a 500.
 */
function writeTarget(pathname: string): { requireJson: boolean } {
  return { requireJson: pathname.startsWith("/api/") };
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (malformedPath(pathname)) return refuse(request, 400, "The address is not a valid URL (a malformed %-escape).");

  const target = writeTarget(pathname);
  if (changesState(request.method)) {
    const check = checkWriteRequest({
      method: request.method,
      origin: request.headers.get("origin"),
      fetchSite: request.headers.get("sec-fetch-site"),
      contentType: request.headers.get("content-type"),
      expectedOrigin: appOrigin(
        { host: request.headers.get("host"), forwardedProto: request.headers.get("x-forwarded-proto"), url: request.url },
        process.env.APP_ORIGIN,
      ),
      requireJson: target.requireJson,
    });
    if (!check.ok) return refuse(request, check.status, check.error);
    if (target.requireJson && !jsonTextIsWellFormed(await request.clone().text())) {
      return refuse(request, 400, "The request body holds text that is not valid Unicode (a lone surrogate).");
    }
  }

  // A server action (a form's post) carries its arguments in React's reply encoding, JSON inside.
  if (request.method === "POST" && request.headers.has("next-action") && !actionBodyIsWellFormed(await request.clone().text())) {
    return refuse(request, 400, "The form holds text that is not valid Unicode (a lone surrogate).");
  }

  const nonce = newNonce();
  const headers = new Headers(request.headers);
  headers.set("x-crs-path", pathname + search);
  // Next.js takes the nonce for its inline scripts from the request's policy.
  headers.set("Content-Security-Policy", securityHeaders({ production, nonce, https: false })[0]!.value);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), request, nonce);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
