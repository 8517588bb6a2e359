// Issue 12, point 3 over HTTP on the production build: sessions end for real. A copy of a cookie
// is dead after signing out; a cookie from before a deactivation stays dead after the
// reactivation; changing a password ends the user's other sessions; an administrator's reset ends
// them all and lets the user do nothing before choosing a new password.
import { test, expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { apiAs, BASE_URL } from "./access-helpers";
import { screenshotPath, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const username = "rory.revoke";
const first = "rory-first-passphrase";
const second = "rory-second-passphrase";
const temporary = "rory-temporary-passphrase";
const tally = { replayed: 0, accepted: 0 };

async function signedIn(user: string, password: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const response = await context.post("/api/session", { data: { username: user, password } });
  expect(response.status(), `sign in as ${user}`).toBe(200);
  return context;
}

/** A second client holding a copy of the first one's cookie. */
async function copyOf(context: APIRequestContext): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, storageState: await context.storageState() });
}

async function replay(context: APIRequestContext): Promise<number> {
  const status = (await context.get("/api/patients")).status();
  tally.replayed++;
  if (status === 200) tally.accepted++;
  return status;
}

async function adminRow(page: Page) {
  return page.getByRole("row", { name: new RegExp(username) });
}

test("a copy of the session cookie is dead once its owner signs out", async () => {
  const nurse = await apiAs("nurse");
  const copy = await copyOf(nurse);
  expect(await replay(copy)).toBe(200);
  const out = await nurse.post("/logout", { headers: { origin: BASE_URL }, maxRedirects: 0 });
  expect(out.status()).toBe(303);
  expect(await replay(copy)).toBe(401);
  await nurse.dispose();
  await copy.dispose();
});

test("deactivation ends sessions, and a cookie from before stays dead after the reactivation", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill("Rory Revoke, RN");
  await page.getByLabel("Role").selectOption("nurse");
  await page.getByLabel(/Initial password/).fill(first);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(await adminRow(page)).toContainText("Active");

  const before = await signedIn(username, first);
  expect(await replay(before)).toBe(200);
  await page.getByRole("button", { name: `Deactivate ${username}` }).click();
  await expect(await adminRow(page)).toContainText("Deactivated");
  expect(await replay(before)).toBe(401);
  await page.getByRole("button", { name: `Reactivate ${username}` }).click();
  await expect(await adminRow(page)).toContainText("Active");
  expect(await replay(before)).toBe(401);
  const after = await signedIn(username, first);
  expect(await replay(after)).toBe(200);
  expect((await after.post("/logout", { headers: { origin: BASE_URL }, maxRedirects: 0 })).status()).toBe(303);
  await before.dispose();
  await after.dispose();
});

test("changing one's password (header link) ends the other sessions, and only the new password signs in", async ({ page }) => {
  const elsewhere = await signedIn(username, first);
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(first);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Change password" }).click();
  await page.getByLabel("Current password").fill(first);
  await page.getByLabel(/^New password \(/).fill(second);
  await page.getByLabel("New password again").fill(`${second}x`);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The two new passwords differ").first()).toBeVisible();
  await page.getByLabel("Current password").fill(first);
  await page.getByLabel(/^New password \(/).fill(second);
  await page.getByLabel("New password again").fill(second);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed. 1 other session was signed out.");
  await page.screenshot({ path: screenshotPath("password-changed"), fullPage: true });

  expect(await replay(elsewhere)).toBe(401);
  const old = await playwrightRequest.newContext({ baseURL: BASE_URL });
  expect((await old.post("/api/session", { data: { username, password: first } })).status()).toBe(401);
  await (await signedIn(username, second)).dispose();
  // The browser that changed it is still signed in.
  await page.goto("/");
  await expect(page.locator("header").getByText("Rory Revoke, RN")).toBeVisible();
  await elsewhere.dispose();
  await old.dispose();
});

test("an administrator's reset ends every session and forces a new password before anything else", async ({ page, browser }) => {
  const session = await signedIn(username, second);
  await signIn(page, "admin");
  await page.goto("/admin/users");
  const row = await adminRow(page);
  await row.getByText("Reset password").click();
  await row.getByLabel(/Temporary password for/).fill(temporary);
  await row.getByRole("button", { name: `Reset the password of ${username}` }).click();
  await expect(row.getByRole("status")).toContainText("Password reset");
  expect(await replay(session)).toBe(401);

  const reset = await signedIn(username, temporary);
  const refused = await reset.get("/api/patients");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatch(/choose a new password/);

  const user = await browser.newPage();
  await user.goto("/login");
  await user.getByLabel("Username").fill(username);
  await user.getByLabel("Password").fill(temporary);
  await user.getByRole("button", { name: "Sign in" }).click();
  // Signing in leads to the ward board, which sends this user to choose a new password first.
  await expect(user).toHaveURL(/\/account\/password$/);
  await user.goto("/handoff");
  await expect(user).toHaveURL(/\/account\/password$/);
  await expect(user.getByText("An administrator reset your password")).toBeVisible();
  await user.screenshot({ path: screenshotPath("password-reset-forced"), fullPage: true });
  await user.getByLabel("Current password").fill(temporary);
  await user.getByLabel(/^New password \(/).fill(`${second}-again`);
  await user.getByLabel("New password again").fill(`${second}-again`);
  await user.getByRole("button", { name: "Change password" }).click();
  await expect(user.getByRole("status")).toContainText("Your password is changed");
  await user.goto("/");
  await expect(user).toHaveURL(/\/$/);
  console.log(`sessions: ${tally.replayed} replayed requests, ${tally.accepted} accepted (the live ones only)`);
  await session.dispose();
  await reset.dispose();
  await user.close();
});
