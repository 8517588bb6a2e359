// The ward board replayed at a past moment (CLINICAL-RULES ASOF), as an auditor or the ward would
// use it: type a moment on the ward's clock under the board, see the board as it stood then,
// clearly marked, read-only, with only what had been recorded by then; then back to the live board.
import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { screenshotPath, openBoard } from "./helpers";
import { WARD_TIME_ZONE } from "./patient-helpers";
import { DEMO_WARD } from "../lib/seed/demo-ward";
import { DEMO_USERS } from "../lib/seed/demo-users";
import { toWardInputValue } from "../lib/format/ward-input";

const HOUR = 3_600_000;
const run = Date.now() % 1_000_000;
const origin = () => `http://127.0.0.1:${process.env.E2E_PORT || 3100}`;

async function post(request: APIRequestContext, path: string, data: unknown): Promise<{ id?: string }> {
  const response = await request.post(path, { data, headers: { Origin: origin() } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as { id?: string };
}

async function signIn(page: Page): Promise<void> {
  const user = DEMO_USERS.find((u) => u.role === "physician")!;
  await post(page.request, "/api/session", { username: user.username, password: user.password });
}

function set(page: Page, patientId: string, hoursAgo: number, temperature: number) {
  return post(page.request, `/api/patients/${patientId}/observations`, {
    idempotencyKey: crypto.randomUUID(),
    effectiveAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    temperature,
    heartRate: 84,
    respiratoryRate: 16,
    systolicBP: 122,
    diastolicBP: 74,
    spo2: 97,
    oxygenDevice: "room_air",
    consciousness: "awake",
  });
}

function tocilizumab(page: Page, patientId: string, hoursAgo: number) {
  return post(page.request, `/api/patients/${patientId}/doses`, {
    idempotencyKey: crypto.randomUUID(),
    drug: "tocilizumab",
    doseMg: 560,
    route: "IV",
    effectiveAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
  });
}

test("the board replayed at a past moment shows what the ward saw then, read-only", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  const name = `Rita Replay ${run}`;
  let moment = "";

  await test.step("Given a patient afebrile with one dose of tocilizumab, before the moment", async () => {
    const { id } = await post(page.request, "/api/patients", {
      mrn: `RPL${run}`,
      name,
      birthDate: "1958-04-09",
      sex: "female",
      weightKg: 70,
      weightMeasuredAt: new Date(Date.now() - 30 * HOUR).toISOString(),
      wardId: DEMO_WARD.id,
      bed: "ZR-1",
      product: "axicabtagene ciloleucel",
      therapy: "car_t",
      infusionAt: new Date(Date.now() - 30 * HOUR).toISOString(),
    });
    await set(page, id!, 0.5, 36.8);
    await tocilizumab(page, id!, 10);
    // The moment: the next minute on the ward's clock (the field takes minutes), so all of this was recorded before it.
    const next = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
    moment = toWardInputValue(next, WARD_TIME_ZONE);
    await page.waitForTimeout(next - Date.now() + 1_000);

    // After the moment: a fever at a bedside time before it (charted late) and a second dose.
    await set(page, id!, 0.25, 38.9);
    await tocilizumab(page, id!, 0);
  });

  await test.step("When I look at the live board, the fever and the second dose are there", async () => {
    await openBoard(page);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row.locator('td[data-label="CRS now / max"]')).toContainText("Grade 1");
    await expect(row.locator('td[data-label="Tocilizumab"]')).toContainText("2 of 4");
  });

  await test.step("And I type the moment under the board and press Enter", async () => {
    const field = page.getByLabel(/Replay the board at \(ward time/);
    await field.click();
    await field.fill(moment);
    await field.press("Enter");
    await expect(page).toHaveURL(/[?&]asOf=/);
  });

  await test.step("Then the board is marked as a replay of that moment and shows the ward as it stood then", async () => {
    const banner = page.getByTestId("board-replay-banner");
    await expect(banner).toContainText("Replay, read-only");
    await expect(banner).toContainText(moment.slice(11, 16));
    await expect(banner).toContainText(WARD_TIME_ZONE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/replay/i);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row.locator('td[data-label="CRS now / max"]')).toContainText("Grade 0");
    await expect(row.locator('td[data-label="CRS onset"]')).toContainText("No fever");
    await expect(row.locator('td[data-label="Tocilizumab"]')).toContainText("1 of 4");
    await expect(page.getByRole("table").getByRole("caption")).toContainText("a replay: nothing updates");
    // The demo ward's late physician tasks are late now: still told, marked as outside the replay (and silent).
    await expect(page.getByTestId("late-task-banner")).toContainText("Now, outside this replay");
    await page.screenshot({ path: screenshotPath("board-replay"), fullPage: true });
  });

  await test.step("And nothing can be charted, answered or admitted from it", async () => {
    await expect(page.getByRole("link", { name: "Admit a patient" })).toHaveCount(0);
    const board = page.locator("table.board");
    await expect(board.getByRole("button")).toHaveCount(0);
    await expect(board.locator('a[href*="#task-"]')).toHaveCount(0);
    // The patient's name opens their chart replayed at the same moment, not the live chart.
    await expect(board.getByRole("link", { name })).toHaveAttribute("href", /\/replay\?at=/);
  });

  await test.step("And the live board is one link away", async () => {
    await page.getByRole("link", { name: "Back to the live board" }).click();
    await expect(page.getByTestId("board-replay-banner")).toHaveCount(0);
    await expect(page.getByRole("row", { name: new RegExp(name) }).locator('td[data-label="Tocilizumab"]')).toContainText(
      "2 of 4",
    );
  });
});
