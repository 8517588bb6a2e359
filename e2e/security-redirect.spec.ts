// "Sign in, then back to where you were" must never send the browser to another host: each
// crafted `next` below, after a correct password in Chromium, must land inside the app.
import { test, expect } from "@playwright/test";
import { DEMO_USERS } from "../lib/seed/demo-users";
import { BASE_URL } from "./access-helpers";
import { startOtherOrigin } from "./other-origin";

const nurse = DEMO_USERS.find((u) => u.role === "nurse")!;

test("after sign-in, a crafted next never leaves the app", async ({ browser }) => {
  test.setTimeout(120_000);
  const other = await startOtherOrigin();
  const host = new URL(other.origin).host;
  const crafted = [
    `/%5C${host}/x`,
    `/%5Clocalhost:${new URL(other.origin).port}/x`,
    `/%09/${host}/x`,
    `//${host}/x`,
    `/\\${host}/x`,
    `${other.origin}/x`,
    `%2F%2F${host}/x`,
    `/%2F${host}/x`,
  ];
  let escaped = 0;
  try {
    for (const next of crafted) {
      const context = await browser.newContext({ baseURL: BASE_URL });
      const page = await context.newPage();
      // The raw query text as an attacker would link it (Playwright would not re-encode it).
      await page.goto(`/login?next=${next.includes("%") ? next : encodeURIComponent(next)}`);
      await page.getByLabel("Username").fill(nurse.username);
      await page.getByLabel("Password").fill(nurse.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname !== "/login" || url.origin !== BASE_URL);
      await page.waitForLoadState("load");
      const landed = new URL(page.url());
      if (landed.origin !== BASE_URL) escaped++;
      expect(landed.origin, `next=${next} landed on ${page.url()}`).toBe(BASE_URL);
      await context.close();
    }
  } finally {
    console.log(
      `open redirect: ${crafted.length} crafted next values tried, ${escaped} left the app, other host saw ${other.requests.length} requests`,
    );
    await other.close();
  }
  expect(other.requests).toEqual([]);
});

test("a next inside the app still brings the user back there", async ({ page }) => {
  await page.goto(`/login?next=${encodeURIComponent("/handoff?view=all")}`);
  await page.getByLabel("Username").fill(nurse.username);
  await page.getByLabel("Password").fill(nurse.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/handoff");
  expect(new URL(page.url()).search).toBe("?view=all");
});
