// Passes the requested path to server components (for "sign in, then back to where you were"
// and for naming the page in permission-denial audit events). Access itself is decided in
// lib/auth/guard.ts, never here.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-crs-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
