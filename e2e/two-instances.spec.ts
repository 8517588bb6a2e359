// Live across instances, in Chromium: two production servers (instances A and B) on one PostgreSQL
// database, as a hospital runs them behind a load balancer, and a browser on each. The physician's
// ward board and the patient's page are open on B; the nurse charts a grade-2 set through the form
// on A; both B pages show ESC_CRS_RISE within 2 s of Save being pressed, without a reload (A's write reaches
// B through LISTEN/NOTIFY). The physician answers the task on B; the nurse's board on A shows it
// answered within 2 s. The delays are printed.
// The PostgreSQL server is the one `npm test` started (TEST_POSTGRES_URL), or one started here.
import { randomUUID } from "node:crypto";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { preparePostgresDatabase, startServer, type RunningServer } from "../scripts/harness/server";
import { screenshotPath, signIn, whenShown, openBoard } from "./helpers";
import { admitPatient, fillGrade2Set, uniqueMrn } from "./patient-helpers";

const LIMIT_MS = 2_000;
const PORT_A = Number(process.env.E2E_PORT || 3100) + 11;
const name = `Ivo Instances ${Date.now() % 100000}`;

let postgres: { url: string; stop: () => void };

/** scripts/pg-server.mjs, imported as the ES module it is (the test runner's own transform would compile it as CommonJS). */
async function startThrowawayPostgres(): Promise<{ url: string; stop: () => void }> {
  const { startPostgres } = (await import(
    pathToFileURL(path.join(__dirname, "..", "scripts", "pg-server.mjs")).href
  )) as typeof import("../scripts/pg-server.mjs");
  return startPostgres({ quiet: true });
}
let instances: RunningServer[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = process.env.TEST_POSTGRES_URL
    ? { url: process.env.TEST_POSTGRES_URL, stop: () => undefined }
    : await startThrowawayPostgres();
  const database = await preparePostgresDatabase(postgres.url, `crs_e2e_${randomUUID().slice(0, 8)}`);
  instances = await Promise.all([startServer(database, PORT_A, 90_000), startServer(database, PORT_A + 1, 90_000)]);
});

test.afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  postgres?.stop();
});

async function pageOn(browser: Browser, instance: RunningServer): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.baseUrl });
  return context.newPage();
}

const boardRow = (page: Page) => page.getByRole("row").filter({ hasText: name });
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { marked?: boolean }).marked = true));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { marked?: boolean }).marked === true);

test("a set charted in a browser on instance A reaches the board and patient page open on instance B within 2 s, and back", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const [a, b] = instances as [RunningServer, RunningServer];
  const physicianBoard = await pageOn(browser, b);
  const nurse = await pageOn(browser, a);
  let timelinePath = "";
  /** When the nurse pressed Save: the delays include the write itself. */
  let clickedAt = 0;
  let shownOnB: Promise<[number, number]> = Promise.resolve([0, 0]);

  await test.step("Given the physician, on instance B, has admitted a patient and watches the board and the patient's page", async () => {
    await signIn(physicianBoard, "physician");
    timelinePath = await admitPatient(physicianBoard, { name, mrn: uniqueMrn("INST"), weightKg: 70, infusedHoursAgo: 30 });
    await openBoard(physicianBoard);
    await expect(boardRow(physicianBoard)).toContainText("None");
    await mark(physicianBoard);
  });
  // A second tab in the physician's browser (the same session), on the patient's page.
  const physicianChart = await physicianBoard.context().newPage();
  await physicianChart.goto(timelinePath);
  await expect(physicianChart.getByRole("heading", { level: 1, name })).toBeVisible();
  await mark(physicianChart);

  await test.step("When the nurse, on instance A, charts a febrile, hypotensive set (grade 2) through the form", async () => {
    await signIn(nurse, "nurse");
    await fillGrade2Set(nurse, timelinePath);
    // Watched on B from before the save (waiting longer than the limit, so that a miss reports the delay).
    shownOnB = Promise.all([
      whenShown(physicianBoard, { text: name, taskKind: "ESC_CRS_RISE" }, 10 * LIMIT_MS),
      whenShown(physicianChart, { selector: '[data-task-id^="ESC_CRS_RISE:"]' }, 10 * LIMIT_MS),
    ]);
    clickedAt = Date.now();
    await nurse.getByRole("button", { name: "Save observation" }).click();
    await expect(nurse.getByRole("heading", { name: /Observation saved/ })).toBeVisible();
  });

  await test.step("Then both pages on instance B show ESC_CRS_RISE within 2 s, without a reload", async () => {
    const [boardDelay, chartDelay] = (await shownOnB).map((at) => at - clickedAt);
    console.log(
      `Charted on instance A: shown on instance B's board ${boardDelay} ms and patient page ${chartDelay} ms after Save was pressed`,
    );
    expect(boardDelay).toBeLessThanOrEqual(LIMIT_MS);
    expect(chartDelay).toBeLessThanOrEqual(LIMIT_MS);
    await expect(boardRow(physicianBoard)).toContainText("Grade 2");
    expect(await notReloaded(physicianBoard)).toBe(true);
    expect(await notReloaded(physicianChart)).toBe(true);
    await physicianBoard.screenshot({ path: screenshotPath("two-instances-board-b"), fullPage: true });
  });

  await test.step("And when the physician answers the task on instance B, the nurse's board on instance A shows it answered within 2 s", async () => {
    await openBoard(nurse);
    await expect(boardRow(nurse)).toContainText("ESC_CRS_RISE");
    await mark(nurse);
    const task = physicianChart.locator('[data-task-id^="ESC_CRS_RISE:"]');
    await task.getByRole("button", { name: "Answer" }).click();
    const dialog = physicianChart.getByRole("dialog");
    await physicianChart.keyboard.press("1");
    await expect(dialog.getByRole("radio", { name: /Reviewed at the bedside/ })).toBeChecked();
    const answeredAt = Date.now();
    await physicianChart.keyboard.press("Enter");
    // Watched from the moment the answer is sent, alongside the physician's own page.
    const [, goneAt] = await Promise.all([
      expect(task).toHaveAttribute("data-task-status", "acknowledged"),
      expect
        .poll(() => boardRow(nurse).locator('[data-task-kind="ESC_CRS_RISE"]').count(), { intervals: [50], timeout: 20_000 })
        .toBe(0)
        .then(() => Date.now()),
    ]);
    const delay = goneAt - answeredAt;
    console.log(`Answered on instance B: gone from the tasks on instance A's board ${delay} ms after the answer was sent`);
    expect(delay).toBeLessThanOrEqual(LIMIT_MS);
    expect(await notReloaded(nurse)).toBe(true);
    await nurse.screenshot({ path: screenshotPath("two-instances-board-a"), fullPage: true });
  });

  await physicianBoard.context().close();
  await nurse.context().close();
});
