// The session cookie as the browser receives it from the production server: HttpOnly (no script
// can read it), SameSite=Strict (never sent cross-site), Secure (the e2e server runs in production
// mode without the plain-http escape hatch), whichever way the user signs in.
import { test, expect } from "@playwright/test";
import { DEMO_USERS } from "../lib/seed/demo-users";
import { apiAs } from "./access-helpers";

function sessionCookieAttributes(setCookie: string | undefined): string[] {
  expect(setCookie, "a Set-Cookie header").toBeTruthy();
  const cookie = setCookie!.split("\n").find((c) => c.startsWith("crs_session="));
  expect(cookie, "the crs_session cookie").toBeTruthy();
  return cookie!
    .split(";")
    .slice(1)
    .map((a) => a.trim().toLowerCase());
}

function expectHardened(attributes: string[]) {
  expect(attributes).toContain("httponly");
  expect(attributes).toContain("samesite=strict");
  expect(attributes).toContain("secure");
  expect(attributes).toContain("path=/");
}

test("signing in through the login form sets a hardened session cookie", async ({ page }) => {
  const nurse = DEMO_USERS.find((u) => u.role === "nurse")!;
  await test.step("When I sign in on the login page", async () => {
    await page.goto("/login");
    await page.getByLabel("Username").fill(nurse.username);
    await page.getByLabel("Password").fill(nurse.password);
  });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await test.step("Then the session cookie is HttpOnly, SameSite=Strict and Secure", async () => {
    expectHardened(sessionCookieAttributes((await response.headerValue("set-cookie")) ?? undefined));
    await expect(page.getByText(nurse.displayName)).toBeVisible();
    expect(await page.evaluate(() => document.cookie)).not.toContain("crs_session");
  });
});

test("signing in through the JSON API sets the same cookie, and a refused sign-in sets none", async () => {
  const context = await apiAs(null);
  const physician = DEMO_USERS.find((u) => u.role === "physician")!;
  const ok = await context.post("/api/session", { data: { username: physician.username, password: physician.password } });
  expect(ok.status()).toBe(200);
  expectHardened(sessionCookieAttributes(ok.headers()["set-cookie"]));

  const refused = await context.post("/api/session", { data: { username: physician.username, password: "wrong" } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["set-cookie"] ?? "").not.toContain("crs_session");
  await context.dispose();
});

test("signing out clears the cookie", async () => {
  const context = await apiAs("pharmacist");
  const out = await context.post("/logout", { maxRedirects: 0 });
  expect(out.status()).toBe(303);
  const attributes = sessionCookieAttributes(out.headers()["set-cookie"]);
  expect(attributes.some((a) => a === "max-age=0" || a.startsWith("expires=thu, 01 jan 1970"))).toBe(true);
  expect((await context.get("/api/patients")).status()).toBe(401);
  await context.dispose();
});
