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

/**
 * Resolves with the page's clock (ms since the epoch) when the wanted thing first shows, watched by a
 * MutationObserver set up before the change (a polling wait would see it up to a second late):
 * `text` anywhere in the page; with `taskKind`, a board row naming `text` that lists a task of that
 * kind; or an element matching `selector`. Rejects after `limitMs`.
 */
export function whenShown(
  page: Page,
  wanted: { text?: string; taskKind?: string; selector?: string },
  limitMs: number,
): Promise<number> {
  return page.evaluate(
    ([{ text, taskKind, selector }, limit]) =>
      new Promise<number>((resolve, reject) => {
        const shown = () =>
          selector !== undefined
            ? document.querySelector(selector) !== null
            : taskKind === undefined
              ? document.body.innerText.includes(text!)
              : Array.from(document.querySelectorAll("tr")).some(
                  (row) => row.innerText.includes(text!) && row.querySelector(`[data-task-kind="${taskKind}"]`) !== null,
                );
        if (shown()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${JSON.stringify({ text, taskKind, selector })} not shown within ${limit} ms`));
        }, limit);
      }),
    [wanted, limitMs] as const,
  );
}

/**
 * Opens the ward board and waits until every row is drawn: the page's HTML holds the sickest
 * FIRST_SCREEN_ROWS rows and the browser draws the rest once the page runs (ward-board-rows.tsx).
 */
export async function openBoard(page: Page): Promise<void> {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Ward board" })).toBeVisible();
  await expect(page.locator("tr.rows-waiting")).toHaveCount(0);
}
