// Shared by the access, security and audit specs: API sign-in per role (the same `authenticate`
// and cookie as the login form) and real ids to fill the registry's dynamic segments.
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO_USERS } from "../lib/seed/demo-users";
import type { Role } from "../lib/auth/permissions";
import type { RouteEntry } from "../lib/auth/route-registry";

export const BASE_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT || 3100)}`;

/** A request context signed in as the demo user of `role`, or signed in as nobody. */
export async function apiAs(role: Role | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
  if (role) {
    const user = DEMO_USERS.find((u) => u.role === role)!;
    const response = await context.post("/api/session", { data: { username: user.username, password: user.password } });
    expect(response.status(), `sign in as ${role}`).toBe(200);
  }
  return context;
}

export interface FixtureIds {
  id: string;
  observationVersionId: string;
  doseVersionId: string;
}

/** A real patient with at least one observation and one dose, and the current versions of each. */
export async function fixtureIds(physician: APIRequestContext): Promise<FixtureIds> {
  const list = await physician.get("/api/patients");
  expect(list.status()).toBe(200);
  const { patients } = (await list.json()) as { patients: { id: string; name: string }[] };
  for (const patient of patients) {
    const timeline = await physician.get(`/api/patients/${patient.id}/timeline?window=all`);
    expect(timeline.status()).toBe(200);
    const body = (await timeline.json()) as { observations?: { id: string }[]; doses?: { id: string }[] };
    const [observation] = body.observations ?? [];
    const [dose] = body.doses ?? [];
    if (observation && dose) {
      return { id: patient.id, observationVersionId: observation.id, doseVersionId: dose.id };
    }
  }
  throw new Error("No patient with both an observation and a dose in the demo ward");
}

/** The concrete URL of a registry entry: dose routes get a dose version, observation routes an observation version. */
export function urlOf(entry: RouteEntry, ids: FixtureIds): string {
  const versionId = entry.path.startsWith("/api/doses/") ? ids.doseVersionId : ids.observationVersionId;
  return entry.path.replace("[id]", encodeURIComponent(ids.id)).replace("[versionId]", encodeURIComponent(versionId));
}

export async function send(context: APIRequestContext, entry: RouteEntry, url: string) {
  if (entry.method === "GET") return context.get(url, { maxRedirects: 0 });
  return context.fetch(url, { method: entry.method, data: {}, maxRedirects: 0 });
}
