import { test, expect } from "@playwright/test";
import { signIn, screenshotPath } from "./helpers";

test("a nurse signs in and sees the demo ward", async ({ page }) => {
  await test.step("When I open CRS Watch without signing in, I am asked to sign in", async () => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
  await test.step("When I sign in as the ward nurse", async () => {
    await signIn(page, "nurse");
  });
  await test.step("Then I see the ward's patients", async () => {
    await expect(page.getByRole("heading", { name: "Ward board" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Clara Twelve" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ivan Longstay" })).toBeVisible();
    await page.screenshot({ path: screenshotPath("ward-board"), fullPage: true });
  });
});
