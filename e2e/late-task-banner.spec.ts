// "Told, not just shown" (section 8): a physician with late tasks (the demo ward has some) sees the
// banner on every page, gets a browser notification (permission granted here), and "Mute 15 min"
// silences it, remembered across pages.
import { test, expect } from "@playwright/test";
import { signIn, screenshotPath } from "./helpers";

test("late tasks for my role: banner on every page, a notification, and mute 15 min remembered", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ permissions: ["notifications"], baseURL });
  await context.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shown: string[] }).shown = shown;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(title);
      }
    }
    window.Notification = Recording as typeof Notification;
  });
  const page = await context.newPage();
  await signIn(page, "physician");
  const banner = page.getByTestId("late-task-banner");
  await expect(banner).toContainText(/late tasks? for you/);
  await expect(banner).toContainText(/late \d/);
  await expect.poll(() => page.evaluate(() => (window as unknown as { shown: string[] }).shown.length)).toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath("late-task-banner") });

  await page.goto("/tasks");
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Mute 15 min" }).click();
  await expect(banner).toContainText("muted for 1");
  await page.goto("/handoff");
  await expect(banner).toContainText("muted for 1");
  expect(await page.evaluate(() => (window as unknown as { shown: string[] }).shown.length)).toBe(0);
  await context.close();
});
