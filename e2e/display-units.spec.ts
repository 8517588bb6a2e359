// NEWS2 beside CRS and temperatures in the nurse's own unit, as the ward uses them: a nurse who
// reads °F chooses it once, charts a set in °F with ACVPU typed from the keyboard, sees NEWS2 on
// the result and the NEWS2 band on the timeline, and the table in °F with one decimal.
import { test, expect } from "@playwright/test";
import { signIn as signInAs, screenshotPath } from "./helpers";
import type { Page } from "@playwright/test";
import type { Role } from "../lib/auth/permissions";
import { admitPatient, hoursAgo, uniqueMrn } from "./patient-helpers";

test.describe.configure({ mode: "serial" });

const started = Date.now();
const name = `Fahr Enheit ${started % 100000}`;
const mrn = uniqueMrn("E2F");
let timelinePath = "";

/** Signs in; the first board of a cold server on a busy machine can take longer than one expect's 5 s, so try once more. */
async function signIn(page: Page, role: Role) {
  await signInAs(page, role).catch(async () => {
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
    await expect(page.locator("header")).toContainText("Sign out", { timeout: 30_000 });
  });
}

// The nurse's unit is hers across specs: put it back to °C even when a step failed half way.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "nurse");
  const celsius = page.getByRole("group", { name: "Show temperatures in" }).getByRole("button", { name: "°C" });
  if ((await celsius.getAttribute("aria-pressed")) !== "true") await celsius.click();
  await expect(celsius).toHaveAttribute("aria-pressed", "true");
  await page.close();
});

test("a nurse charts in °F with ACVPU by keyboard and sees NEWS2 on the result and the timeline", async ({ page }) => {
  test.setTimeout(120_000);
  await test.step("Given a physician has admitted my patient", async () => {
    await signIn(page, "physician");
    timelinePath = await admitPatient(page, { name, mrn, weightKg: 70, infusedHoursAgo: 30 });
  });

  await signIn(page, "nurse");
  const units = page.getByRole("group", { name: "Show temperatures in" });
  await test.step("When I choose °F in the header, it is remembered for me", async () => {
    await units.getByRole("button", { name: "°F" }).click();
    await expect(units.getByRole("button", { name: "°F" })).toHaveAttribute("aria-pressed", "true");
    await page.reload();
    await expect(page.getByRole("group", { name: "Show temperatures in" }).getByRole("button", { name: "°F" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  await test.step("Then the charting form expects °F, and refuses 120 °F in °F", async () => {
    await page.goto(`${timelinePath}/chart`);
    await expect(page.getByRole("radio", { name: "°F" })).toBeChecked();
    await page.getByLabel("Temperature", { exact: true }).fill("120");
    await page.getByLabel(/^Heart rate/).fill("80");
    await page.getByRole("button", { name: "Save observation" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toContainText("120 °F is outside 77-113 °F");
  });

  await test.step("When I chart 101.3 °F with every vital and type C for new confusion from the keyboard, NEWS2 11 (high) shows beside CRS", async () => {
    await page.goto(`${timelinePath}/chart`);
    await page.getByLabel(/Time of observation/).fill(hoursAgo(2, started));
    await page.getByLabel("Temperature", { exact: true }).fill("101.3");
    await page.getByLabel(/^Heart rate/).fill("118");
    await page.getByLabel(/^Respiratory rate/).fill("24");
    await page.getByLabel(/^Systolic BP/).fill("96");
    await page.getByLabel(/^Diastolic BP/).fill("60");
    await page.getByLabel(/^SpO2/).fill("94");
    // From SpO2, Tab lands on the ACVPU group; one key per letter.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("radio", { name: "Alert" })).toBeFocused();
    await page.keyboard.press("c");
    const acvpu = page.getByRole("radiogroup", { name: /Consciousness/ });
    await expect(acvpu.getByRole("radio", { name: "New confusion" })).toBeChecked();
    await expect(acvpu.getByRole("radio", { name: "New confusion" })).toBeFocused();
    await page.keyboard.press("v");
    await expect(acvpu.getByRole("radio", { name: "Voice" })).toBeChecked();
    await page.keyboard.press("Delete");
    await expect(acvpu.getByRole("radio", { checked: true })).toHaveCount(0);
    await page.keyboard.press("C");
    await expect(acvpu.getByRole("radio", { name: "New confusion" })).toBeChecked();
    await page.getByLabel(/^Oxygen device/).selectOption("room_air");
    await page.screenshot({ path: screenshotPath("chart-form-fahrenheit-acvpu"), fullPage: true });
    await page.getByRole("button", { name: "Save observation" }).click();
    await expect(page.getByRole("heading", { name: /Observation saved/ })).toBeVisible();
    // RR 24 (2) + SpO2 94 (1) + air (0) + SBP 96 (2) + HR 118 (2) + new confusion (3) + 38.5 °C (1) = 11.
    await expect(page.getByText("NEWS2 11 · high", { exact: true })).toBeVisible();
    await expect(page.getByText(/NEWS2-ACVPU/).first()).toBeVisible();
    await page.screenshot({ path: screenshotPath("chart-result-news2"), fullPage: true });
  });

  await test.step("When I chart a set without respiratory rate or consciousness, its NEWS2 reads 'at least'", async () => {
    await page.getByRole("button", { name: "Chart another set" }).click();
    await page.getByLabel(/Time of observation/).fill(hoursAgo(1, started));
    await expect(page.getByRole("radio", { name: "°F" })).toBeChecked();
    await page.getByLabel("Temperature", { exact: true }).fill("100.3");
    await page.getByLabel(/^Heart rate/).fill("96");
    await page.getByLabel(/^Oxygen device/).selectOption("room_air");
    await page.getByRole("button", { name: "Save observation" }).click();
    await expect(page.getByRole("heading", { name: /Observation saved/ })).toBeVisible();
    // 100.3 °F is under the 100.4 °F fever line: afebrile, grade 0. HR 96 scores 1; the rest is not charted.
    await expect(page.getByText("Grade 0", { exact: true })).toBeVisible();
    await expect(page.getByText("NEWS2 at least 1 · low", { exact: true })).toBeVisible();
  });

  await test.step("Then the timeline shows the NEWS2 band under the CRS band, and the table in °F with one decimal", async () => {
    await page.goto(timelinePath);
    await expect(page.getByText("Temperature (°F)", { exact: true })).toBeVisible();
    const news2Chart = page.locator("figure").filter({ hasText: /^NEWS2 band/ });
    await expect(news2Chart).toBeVisible();
    await expect(news2Chart.locator(".recharts-reference-area")).toHaveCount(4);
    for (const word of ["low", "low-medium", "medium", "high"])
      await expect(news2Chart.getByText(word, { exact: true })).toBeVisible();
    const figures = page.locator("figure.chart-block figcaption");
    const captions = await figures.allTextContents();
    const crsIndex = captions.findIndex((c) => c.startsWith("CRS grade"));
    expect(captions[crsIndex + 1]).toMatch(/^NEWS2 band/);
    const table = page.getByRole("table").filter({ hasText: /newest first/ });
    await expect(table).toContainText("T 101.3 °F");
    await expect(table).toContainText("T 100.3 °F");
    await expect(table).toContainText("ACVPU C (new confusion)");
    await expect(table).toContainText("NEWS2 11 · high");
    await expect(table).toContainText("NEWS2 at least 1 · low");
    await expect(page.locator("header, .page-head").getByText("NEWS2 at least 1 · low").first()).toBeVisible();
    await page.screenshot({ path: screenshotPath("timeline-news2-band-fahrenheit"), fullPage: true });
    await page.locator(".timeline-charts").screenshot({ path: screenshotPath("timeline-charts-news2-band") });
  });

  await test.step("And the printed handoff shows the temperature in °F; °C again after switching back", async () => {
    await page.goto(`${timelinePath}/handoff`);
    await expect(page.locator("article.handoff-sheet")).toContainText("T 100.3 °F");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: screenshotPath("handoff-print-fahrenheit"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("group", { name: "Show temperatures in" }).getByRole("button", { name: "°C" }).click();
    await expect(page.locator("article.handoff-sheet")).toContainText("T 37.9 °C");
  });

  await test.step("When I chart vasopressin running, its dose is typed and shown in units/min", async () => {
    await page.goto(`${timelinePath}/chart`);
    await page.getByLabel(/^Systolic BP/).fill("86");
    await page.getByLabel(/^Diastolic BP/).fill("50");
    await page.getByRole("radio", { name: "Running:" }).check();
    await page.getByLabel("Infusion 1: drug").selectOption("vasopressin");
    await page.getByLabel("Infusion 1: dose (units/min)").fill("0.03");
    await page.getByLabel(/^Oxygen device/).selectOption("room_air");
    await page.getByRole("button", { name: "Save observation" }).click();
    await expect(page.getByRole("heading", { name: /Observation saved/ })).toBeVisible();
    await page.goto(timelinePath);
    await expect(page.getByRole("table").filter({ hasText: /newest first/ })).toContainText("Vasopressin 0.03 units/min");
  });
});
