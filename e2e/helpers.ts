import { expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "../lib/seed/demo-users";
import type { Role } from "../lib/auth/permissions";

export async function signIn(page: Page, role: Role): Promise<void> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The header names who is signed in (a page such as the users list may name them too).
  // The first sign-in after the server starts checks a bcrypt hash on a cold process: seconds on a busy machine.
  await expect(page.locator("header").getByText(user.displayName)).toBeVisible({ timeout: 20_000 });
}

export function screenshotPath(name: string): string {
  return `e2e/screenshots/${name}.png`;
}
