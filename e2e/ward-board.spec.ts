// The ward board as the ward reads it: a ward the test builds (through the JSON API, as another
// system would) shows in acuity order (CLINICAL-RULES.md section 8), with NEWS2, ALERT-NO-FEVER and
// how late each set of vital signs is.
import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { screenshotPath, openBoard } from "./helpers";
import { DEMO_WARD } from "../lib/seed/demo-ward";
import { DEMO_USERS } from "../lib/seed/demo-users";

const HOUR = 3_600_000;
const run = Date.now() % 1_000_000;
const origin = () => `http://127.0.0.1:${process.env.E2E_PORT || 3100}`;

async function post(request: APIRequestContext, path: string, data: unknown): Promise<{ id?: string }> {
  const response = await request.post(path, { data, headers: { Origin: origin() } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as { id?: string };
}

/** Signs in through the API, as the ward's other systems do (the sign-in form has its own specs). */
async function signIn(page: Page, role: "physician"): Promise<void> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  await post(page.request, "/api/session", { username: user.username, password: user.password });
  await openBoard(page);
  await expect(page.locator("header").getByText(user.displayName)).toBeVisible();
}

/** Admits a patient through the API; returns the id. */
async function admit(page: Page, name: string, bed: string): Promise<string> {
  const { id } = await post(page.request, "/api/patients", {
    mrn: `BRD${run}${bed.replace(/\W/g, "")}`,
    name,
    birthDate: "1960-02-03",
    sex: "male",
    weightKg: 72,
    weightMeasuredAt: new Date(Date.now() - 30 * HOUR).toISOString(),
    wardId: DEMO_WARD.id,
    bed,
    product: "axicabtagene ciloleucel",
    therapy: "car_t",
    infusionAt: new Date(Date.now() - 30 * HOUR).toISOString(),
  });
  expect(id).toBeTruthy();
  return id!;
}

/** A complete set (every NEWS2 parameter charted); `values` change what the step needs. */
async function chart(page: Page, patientId: string, hoursAgo: number, values: Record<string, unknown> = {}) {
  await post(page.request, `/api/patients/${patientId}/observations`, {
    idempotencyKey: crypto.randomUUID(),
    effectiveAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    temperature: 36.8,
    heartRate: 78,
    respiratoryRate: 16,
    systolicBP: 124,
    diastolicBP: 76,
    spo2: 97,
    oxygenDevice: "room_air",
    consciousness: "awake",
    ...values,
  });
}

const names = {
  hypotensive: `Henry Hypotensive ${run}`,
  icans: `Irene Icans ${run}`,
  fever: `Fatima Fever ${run}`,
  overdue: `Oscar Overdue ${run}`,
  bed9: `Nina Nine ${run}`,
  bed10: `Tomas Ten ${run}`,
};

test("a ward built by the test reads in acuity order, with NEWS2, ALERT-NO-FEVER and how late each set is", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "physician");

  await test.step("Given six patients admitted and charted through the API", async () => {
    const ids = {
      hypotensive: await admit(page, names.hypotensive, "ZB-1"),
      fever: await admit(page, names.fever, "ZB-2"),
      overdue: await admit(page, names.overdue, "ZB-3"),
      icans: await admit(page, names.icans, "ZB-4"),
      bed10: await admit(page, names.bed10, "ZB-10"),
      bed9: await admit(page, names.bed9, "ZB-9"),
    };
    // 84/50 at 36.9 °C, HR 118, RR 18, SpO2 96 % on air, alert: grade 0 by ASTCT (no fever),
    // NEWS2 5 (systolic 3, pulse 2): medium, an urgent response and hourly observations.
    await chart(page, ids.hypotensive, 0.1, {
      temperature: 36.9,
      heartRate: 118,
      respiratoryRate: 18,
      systolicBP: 84,
      diastolicBP: 50,
      spo2: 96,
    });
    await chart(page, ids.fever, 0.1, { temperature: 38.6 }); // grade 1, NEWS2 1
    await chart(page, ids.overdue, 6); // grade 0, due 4 h later: 2 h late
    await chart(page, ids.icans, 0.1, { iceScore: 5 }); // ICANS grade 2
    await chart(page, ids.bed10, 0.1);
    await chart(page, ids.bed9, 0.1);
  });

  await test.step("Then the board lists them as section 8 says: a late task first (the overdue set's ESC_OBS_OVERDUE), then NEWS2 medium and ICANS 2 (rank 2, then bed), fever, then by bed (ZB-9 before ZB-10)", async () => {
    await openBoard(page);
    const mine = Object.values(names);
    const order = (await page.locator("table.board tbody tr .patient-name").allTextContents()).filter((n) => mine.includes(n));
    // Oscar's set was due 2 h ago: ESC_OBS_OVERDUE was raised 30 min after that and is late since 1 h ago.
    expect(order).toEqual([names.overdue, names.hypotensive, names.icans, names.fever, names.bed9, names.bed10]);
  });

  await test.step("And the hypotensive afebrile patient shows NEWS2, ALERT-NO-FEVER and the cadence the engine sets", async () => {
    const row = page.getByRole("row", { name: new RegExp(names.hypotensive) });
    await expect(row.locator('td[data-label="CRS now / max"]')).toContainText("Grade 0");
    await expect(row).toContainText("NEWS2 5");
    await expect(row.locator(".news2-medium")).toContainText("medium");
    await expect(row).toContainText("ALERT-NO-FEVER");
    await expect(row).toContainText(/review other causes/);
    // OBS_DUE takes the shortest of the CRS cadence (4 h at grade 0) and the NEWS2 one (hourly at 5-6).
    await expect(row).toContainText(/Vital signs due in 5\d min/);
    await row.screenshot({ path: screenshotPath("board-row-hypotensive-afebrile") });
  });

  await test.step("And how late a set is reads in words: 2 h past due is 'Long overdue'", async () => {
    const row = page.getByRole("row", { name: new RegExp(names.overdue) });
    await expect(row.locator(".due-long-overdue")).toHaveText("Long overdue");
    await expect(row).toContainText(/Vital signs (1 h 5\d min|2 h 0\d min) late/);
    await expect(page.getByRole("row", { name: new RegExp(names.fever) })).toContainText("NEWS2 1");
    await expect(page.getByRole("row", { name: new RegExp(names.icans) }).getByText("Grade 2")).toBeVisible();
    await page.screenshot({ path: screenshotPath("board-acuity-order"), fullPage: true });
  });
});

test("a long unbroken name does not widen the board", async ({ page }) => {
  await signIn(page, "physician");
  await page.setViewportSize({ width: 1280, height: 900 });
  await openBoard(page);
  const before = await page.evaluate(() => document.documentElement.scrollWidth);
  const name = `Maximilianalexandrovichkonstantinopoulosvanderberghe${run}`;
  await admit(page, name, "ZB-LONG");
  await openBoard(page);
  await expect(page.getByRole("link", { name })).toBeVisible();
  const widths = await page.evaluate(() => ({
    table: document.querySelector("table.board")!.getBoundingClientRect().width,
    page: document.documentElement.clientWidth,
    scroll: document.documentElement.scrollWidth,
  }));
  expect(widths.table).toBeLessThanOrEqual(widths.page);
  // The page is as wide as it was before the name arrived.
  expect(widths.scroll).toBe(before);
  await page.getByRole("row", { name: new RegExp(name) }).screenshot({ path: screenshotPath("board-long-name") });
});
