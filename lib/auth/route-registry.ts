// Every page and route handler the app serves, with the one permission (permissions.ts) it needs.
// The role x route access matrix is generated from this list and `can(role, action)`, and a test
// fails when a page.tsx or route.ts exists on disk without an entry here, so no new page can
// escape the matrix. `action: null` marks the few deliberately public entries (signing in and out).
import type { Action } from "@/lib/auth/permissions";

export type RouteKind =
  /** A page: nobody is redirected to /login, the wrong role to /forbidden. */
  | "page"
  /** A route handler: nobody gets 401, the wrong role 403 (JSON). */
  | "api";

export type RouteMethod = "GET" | "POST" | "PATCH";

export interface RouteEntry {
  kind: RouteKind;
  method: RouteMethod;
  /** App-router path, dynamic segments as on disk ("/patients/[id]/chart"). */
  path: string;
  action: Action | null;
  /**
   * A start page may send a role without `action` to that role's own start page instead of
   * /forbidden: whoever may `ifAllowed` goes to `to` (an administrator sees no patients).
   */
  elsewhere?: { ifAllowed: Action; to: string };
}

const page = (path: string, action: Action | null, elsewhere?: RouteEntry["elsewhere"]): RouteEntry => ({
  kind: "page",
  method: "GET",
  path,
  action,
  ...(elsewhere ? { elsewhere } : {}),
});
const api = (method: RouteMethod, path: string, action: Action | null): RouteEntry => ({ kind: "api", method, path, action });

export const ROUTE_REGISTRY: readonly RouteEntry[] = [
  // Public: the way in, the way out, and the page that explains a refusal.
  page("/login", null),
  page("/forbidden", null),
  api("POST", "/logout", null),
  api("POST", "/api/session", null),
  // For load balancers: whether the database answers, and the store's kind; no patient data.
  api("GET", "/api/health", null),

  // Ward
  page("/", "clinical:view", { ifAllowed: "users:manage", to: "/admin/users" }),
  page("/handoff", "clinical:view"),
  page("/tasks", "clinical:view"),
  page("/patients/new", "patient:manage"),
  page("/patients/[id]", "clinical:view"),
  page("/patients/[id]/chart", "observation:chart"),
  page("/patients/[id]/dose", "dose:record"),
  page("/patients/[id]/edit", "patient:manage"),
  page("/patients/[id]/weight", "observation:chart"),
  page("/confirmations", "dose:confirm-override"),
  page("/patients/[id]/handoff", "clinical:view"),
  page("/patients/[id]/import", "observation:chart"),
  page("/patients/[id]/replay", "clinical:view"),

  // Oversight
  page("/audit/doses", "dosing-audit:view"),
  api("GET", "/audit/doses/export", "dosing-audit:view"),
  page("/reports", "ward-report:view"),
  api("GET", "/reports/export", "ward-report:view"),
  page("/audit/log", "audit-log:view"),
  page("/admin/users", "users:manage"),

  // Every signed-in user
  page("/account/password", "account:password"),

  // JSON API
  api("GET", "/api/patients", "clinical:view"),
  api("POST", "/api/patients", "patient:manage"),
  api("PATCH", "/api/patients/[id]", "patient:manage"),
  api("GET", "/api/patients/[id]/timeline", "clinical:view"),
  // The live stream: patient ids and kinds of committed writes only (lib/live).
  api("GET", "/api/events", "clinical:view"),
  api("GET", "/api/tasks/late", "clinical:view"),
  api("POST", "/api/patients/[id]/observations", "observation:chart"),
  api("POST", "/api/patients/[id]/doses", "dose:record"),
  api("POST", "/api/patients/[id]/doses/preview", "dose:record"),
  api("POST", "/api/patients/[id]/weights", "observation:chart"),
  api("POST", "/api/observations/[versionId]/amend", "observation:chart"),
  api("POST", "/api/observations/[versionId]/entered-in-error", "observation:chart"),
  api("POST", "/api/doses/[versionId]/amend", "dose:record"),
  api("POST", "/api/doses/[versionId]/entered-in-error", "dose:record"),
  api("POST", "/api/doses/[versionId]/confirm-override", "dose:confirm-override"),

  // Exchange: FHIR R4 and the timeline exchange file (exports are audited reads; imports chart)
  api("GET", "/api/patients/[id]/fhir", "clinical:view"),
  api("GET", "/api/wards/[id]/fhir", "clinical:view"),
  api("GET", "/api/patients/[id]/exchange-file", "clinical:view"),
  api("POST", "/api/patients/[id]/import/preview", "observation:chart"),
  api("POST", "/api/patients/[id]/import", "observation:chart"),
];

/** The app-router path a page.tsx / route.ts file serves: route groups "(ward)" do not appear in URLs. */
export function routePathOfFile(file: string): string {
  const segments = file.replace(/\\/g, "/").split("/");
  if (segments[0] === "app") segments.shift();
  segments.pop(); // page.tsx / route.ts
  const visible = segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")));
  return "/" + visible.join("/");
}

/** Fills dynamic segments: "/patients/[id]/chart" with {id: "p1"} -> "/patients/p1/chart". */
export function concretePath(path: string, params: Record<string, string>): string {
  return path.replace(/\[([^\]]+)\]/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for [${name}] in ${path}`);
    return encodeURIComponent(value);
  });
}
