// Every page and API route in the registry, as every demo role and as nobody. The expectation for
// each cell comes from `can(role, action)` on the one permission table: nothing is hand-listed, so
// a change to the table or a new route changes this matrix with it.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { ROLES, can, type Role } from "../lib/auth/permissions";
import { ROUTE_REGISTRY } from "../lib/auth/route-registry";
import { apiAs, fixtureIds, send, urlOf, type FixtureIds } from "./access-helpers";

const identities: (Role | null)[] = [...ROLES, null];
// Signing out ends the identity's session: request the public entries last.
const entries = [...ROUTE_REGISTRY].sort((a, b) => Number(a.action === null) - Number(b.action === null));

let ids: FixtureIds;

test.beforeAll(async () => {
  const physician = await apiAs("physician");
  ids = await fixtureIds(physician);
  await physician.dispose();
});

for (const identity of identities) {
  const who = identity ?? "nobody";
  test(`access matrix as ${who}: ${entries.length} routes`, async () => {
    const context: APIRequestContext = await apiAs(identity);
    const cells: string[] = [];
    for (const entry of entries) {
      const url = urlOf(entry, ids);
      const response = await send(context, entry, url);
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      const label = `${who} ${entry.method} ${url} (${entry.action ?? "public"})`;
      cells.push(`${entry.method} ${entry.path}: ${status}`);
      if (entry.action === null) {
        expect(status, label).not.toBe(401);
        expect(status, label).not.toBe(403);
        expect(status, label).toBeLessThan(500);
        continue;
      }
      const allowed = can(identity, entry.action);
      if (entry.kind === "page") {
        if (allowed) {
          expect(status, label).toBe(200);
        } else {
          expect([303, 307, 308], label).toContain(status);
          const elsewhere = identity && entry.elsewhere && can(identity, entry.elsewhere.ifAllowed) ? entry.elsewhere.to : null;
          expect(new URL(location, "http://x").pathname, label).toBe(elsewhere ?? (identity ? "/forbidden" : "/login"));
        }
      } else if (allowed) {
        expect([401, 403], label).not.toContain(status);
        expect(status, label).toBeLessThan(500);
      } else {
        expect(status, label).toBe(identity ? 403 : 401);
        expect(await response.json(), label).toHaveProperty("error");
      }
    }
    test.info().annotations.push({ type: "matrix", description: cells.join("; ") });
    await context.dispose();
  });
}
