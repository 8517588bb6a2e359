// The health endpoint as a load balancer sees it: no sign-in, 200 with the store's kind while the
// database answers, never cached, and nothing about patients in it.
import { test, expect, request } from "@playwright/test";
import { BASE_URL } from "./access-helpers";

test("GET /api/health answers without a session: database reachable, store kind, no-store, no patient data", async () => {
  const anonymous = await request.newContext({ baseURL: BASE_URL });
  const response = await anonymous.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: "ok", store: "sqlite", database: "reachable" });
  expect(Object.keys(body).sort()).toEqual(["checkedInMs", "database", "status", "store"]);
  await anonymous.dispose();
});
