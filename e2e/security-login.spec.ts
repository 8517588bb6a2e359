// The sign-in rate limit through the JSON route on the production server: the 6th attempt for one
// username within 15 minutes is refused with 429, counted from the audit trail. A username no
// demo user has keeps the rest of the run unaffected.
import { test, expect } from "@playwright/test";
import { apiAs } from "./access-helpers";

test("five failed sign-ins lock that username with 429; other users still sign in", async () => {
  const context = await apiAs(null);
  const username = "ghost.user";
  for (let attempt = 1; attempt <= 5; attempt++) {
    const refused = await context.post("/api/session", { data: { username, password: `guess-${attempt}` } });
    expect(refused.status(), `attempt ${attempt}`).toBe(401);
    expect((await refused.json()).error).toBe("Wrong username or password.");
  }
  const locked = await context.post("/api/session", { data: { username, password: "anything" } });
  expect(locked.status()).toBe(429);
  expect((await locked.json()).error).toMatch(/Too many failed sign-ins/);
  expect(locked.headers()["set-cookie"] ?? "").not.toContain("crs_session");

  const malformed = await context.post("/api/session", { data: "{not json", headers: { "content-type": "application/json" } });
  expect(malformed.status()).toBe(400);

  const nurse = await context.post("/api/session", { data: { username: "nurse", password: "nurse-demo" } });
  expect(nurse.status()).toBe(200);
  await context.dispose();
});
