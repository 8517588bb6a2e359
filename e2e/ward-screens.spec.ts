// Every ward page as the people who use it: no serious or critical accessibility violation (axe),
// and a screenshot of each to look at (e2e/screenshots/, not committed).
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn, screenshotPath, openBoard } from "./helpers";

async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
  expect(described, `${what}: serious or critical accessibility violations`).toEqual([]);
}

async function openPatient(page: Page, name: string): Promise<string> {
  await openBoard(page);
  await page.getByRole("link", { name }).click();
  // The first open of a long stay on a cold server grades its whole history: allow it time on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
  return new URL(page.url()).pathname;
}

test("the ward board, timelines, charting and handoff pages are accessible and readable", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "nurse");

  await test.step("The ward board lists the sickest first, with live countdowns", async () => {
    await openBoard(page);
    await expect(page.getByRole("heading", { level: 1, name: "Ward board" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Dmitri Pressor" })).toBeVisible();
    await expectAccessible(page, "ward board");
    await page.screenshot({ path: screenshotPath("board"), fullPage: true });
  });

  await test.step("On a tablet held upright the board becomes cards", async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await openBoard(page);
    await page.screenshot({ path: screenshotPath("board-tablet"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await test.step("Clara Twelve's timeline shows her grade-2 episode and the tocilizumab dose", async () => {
    const path = await openPatient(page, "Clara Twelve");
    await expect(page.getByText("CRS grade, with tocilizumab")).toBeVisible();
    await expectAccessible(page, "timeline");
    await page.screenshot({ path: screenshotPath("timeline-clara"), fullPage: true });
    await page.goto(`${path}/handoff`);
    await expectAccessible(page, "handoff");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: screenshotPath("handoff-clara-print"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
  });

  await test.step("Ivan Longstay's 30 days open quickly, downsampled, with the table paged", async () => {
    const started = Date.now();
    const path = await openPatient(page, "Ivan Longstay");
    console.log(`30-day timeline, first open from the board: ${Date.now() - started} ms`);
    await page.goto(`${path}?window=all`);
    await expect(page.getByText(/each point is the worst value/)).toBeVisible();
    await expect(page.getByText("2880 in the All window; showing 1-25, newest first.")).toBeVisible();
    expect(Date.now() - started, "30-day timeline load").toBeLessThan(15_000);
    await expectAccessible(page, "30-day timeline");
    await page.screenshot({ path: screenshotPath("timeline-ivan-all") });
    await page.goto(`${path}?window=24h`);
    await expect(page.getByText(/in the 24 h window; showing 1-25/)).toBeVisible();
    await page.screenshot({ path: screenshotPath("timeline-ivan-24h") });
  });

  await test.step("The charting form and the dose form", async () => {
    const path = await openPatient(page, "Dmitri Pressor");
    await page.goto(`${path}/chart`);
    await page.getByText("Neurological assessment").click();
    await expectAccessible(page, "charting form");
    await page.screenshot({ path: screenshotPath("chart-form"), fullPage: true });
    await page.goto(`${path}/dose`);
    await expectAccessible(page, "dose form");
    await page.screenshot({ path: screenshotPath("dose-form"), fullPage: true });
  });

  await test.step("The whole-ward handoff", async () => {
    await page.goto("/handoff");
    await expectAccessible(page, "ward handoff");
    await page.screenshot({ path: screenshotPath("handoff-ward") });
  });
});

test("the admission and edit forms are accessible, and a tablet shows the timeline", async ({ page }) => {
  await signIn(page, "physician");
  await test.step("The admission form", async () => {
    await page.goto("/patients/new");
    await expect(page.getByRole("heading", { level: 1, name: "Admit a patient" })).toBeVisible();
    await expectAccessible(page, "admission form");
    await page.screenshot({ path: screenshotPath("admit-form"), fullPage: true });
  });
  await test.step("The edit form with its discharge section", async () => {
    const path = await openPatient(page, "Grace Resolved");
    await page.goto(`${path}/edit`);
    await expect(page.getByRole("heading", { name: "Discharge / archive" })).toBeVisible();
    await expectAccessible(page, "edit form");
    await page.screenshot({ path: screenshotPath("edit-form"), fullPage: true });
  });
  await test.step("A timeline on a tablet held upright", async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await openPatient(page, "Dmitri Pressor");
    await page.screenshot({ path: screenshotPath("timeline-tablet"), fullPage: true });
  });
});
