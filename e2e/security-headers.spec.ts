// Every page (as a role allowed to see it), the login page, redirects and API answers carry the
// security headers: a strict CSP that forbids framing and runs no inline script without the
// request's nonce, nosniff, no referrer beyond the app, no framing, and no caching (patient data).
import { test, expect, type APIResponse } from "@playwright/test";
import { PERMISSIONS } from "../lib/auth/permissions";
import { ROUTE_REGISTRY } from "../lib/auth/route-registry";
import { apiAs, fixtureIds, send, urlOf, type FixtureIds } from "./access-helpers";

function expectSecurityHeaders(response: APIResponse, label: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("default-src 'self'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).not.toContain("unsafe-eval");
  const scriptSrc =
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, label).not.toContain("'unsafe-inline'");
  expect(scriptSrc, label).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe("same-origin");
  expect(headers["cache-control"] ?? "", label).toContain("no-store");
  expect(headers["x-frame-options"], label).toBe("DENY");
  expect(headers["x-powered-by"], label).toBeUndefined();
}

let ids: FixtureIds;

test.beforeAll(async () => {
  const physician = await apiAs("physician");
  ids = await fixtureIds(physician);
  await physician.dispose();
});

test("every registry page, shown to a role allowed to see it, sends the security headers", async () => {
  const pages = ROUTE_REGISTRY.filter((e) => e.kind === "page");
  expect(pages.length).toBeGreaterThan(10);
  for (const entry of pages) {
    const role = entry.action ? PERMISSIONS[entry.action][0] : null;
    const context = await apiAs(role);
    const url = urlOf(entry, ids);
    const response = await send(context, entry, url);
    expect(response.status(), `${role} GET ${url}`).toBe(200);
    expectSecurityHeaders(response, `${role} GET ${url}`);
    await context.dispose();
  }
});

test("the login page, a refusal redirect and API answers send them too", async () => {
  const nobody = await apiAs(null);
  const login = await nobody.get("/login");
  expect(login.status()).toBe(200);
  expectSecurityHeaders(login, "GET /login");

  const redirect = await nobody.get("/", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect, "GET / as nobody");

  const refused = await nobody.get("/api/patients");
  expect(refused.status()).toBe(401);
  expectSecurityHeaders(refused, "GET /api/patients as nobody");

  const auditor = await apiAs("auditor");
  const csv = await auditor.get("/audit/doses/export");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expectSecurityHeaders(csv, "GET /audit/doses/export");
  await Promise.all([nobody.dispose(), auditor.dispose()]);
});
