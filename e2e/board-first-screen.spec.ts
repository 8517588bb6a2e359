// A ward longer than a screen: the page's HTML holds the sickest FIRST_SCREEN_ROWS rows and a line
// saying how many follow; the browser draws the rest as soon as the page runs, in the same order.
// On a server and database of its own (SQLite), so the shared e2e ward keeps its size.
import { test, expect } from "@playwright/test";
import { prepareDatabase, postJson, signIn as signInOverHttp, startServer, type RunningServer } from "../scripts/harness/server";
import { FIRST_SCREEN_ROWS } from "../app/_components/board-first-screen";
import { DEMO_WARD } from "../lib/seed/demo-ward";
import { openBoard, screenshotPath, signIn } from "./helpers";

const PORT = Number(process.env.E2E_PORT || 3100) + 13;
const ADMITTED = FIRST_SCREEN_ROWS; // with the demo ward's patients: more than the first screen
const HOUR = 3_600_000;
const run = Date.now() % 100000;

let server: RunningServer;
let remove = () => {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const database = prepareDatabase("crs-e2e-first-screen-");
  remove = database.remove;
  server = await startServer(database, PORT, 90_000);
  const cookie = await signInOverHttp(server.baseUrl, "physician", "physician-demo");
  for (let n = 0; n < ADMITTED; n++) {
    const admitted = await postJson(server.baseUrl, cookie, "/api/patients", {
      mrn: `FS${run}-${n}`,
      name: `Fiona Screen ${String(n).padStart(2, "0")}`,
      birthDate: "1961-04-05",
      sex: "female",
      weightKg: 64,
      weightMeasuredAt: new Date(Date.now() - 20 * HOUR).toISOString(),
      wardId: DEMO_WARD.id,
      bed: `FS-${n}`,
      product: "axicabtagene ciloleucel",
      therapy: "car_t",
      infusionAt: new Date(Date.now() - 20 * HOUR).toISOString(),
    });
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(201);
  }
});

test.afterAll(async () => {
  await server?.stop();
  remove();
});

test("a ward longer than a screen: the HTML holds the sickest rows, the browser draws the rest in the same order", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: server.baseUrl });
  const page = await context.newPage();
  await signIn(page, "physician");
  const names = (html: string) => [...html.matchAll(/class="patient-name"[^>]*>([^<]+)</g)].map((match) => match[1]!);

  const html = await (await page.request.get("/")).text();
  const served = names(html);
  const { patients } = (await (await page.request.get("/api/patients")).json()) as { patients: unknown[] };
  const total = patients.length;
  expect(total).toBeGreaterThan(FIRST_SCREEN_ROWS);

  await test.step("The page's HTML: the first screen's rows, and how many follow", async () => {
    expect(served).toHaveLength(FIRST_SCREEN_ROWS);
    expect(html).toContain(`${total - FIRST_SCREEN_ROWS} more patients, less acute than those above: loading…`);
  });

  await test.step("In the browser: every row, the served ones first in the same order, and no loading line", async () => {
    await openBoard(page);
    const drawn = await page.locator("table.board tbody tr .patient-name").allTextContents();
    expect(drawn).toHaveLength(total);
    expect(drawn.slice(0, FIRST_SCREEN_ROWS)).toEqual(served);
    await page.locator("table.board tbody tr").last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("board-beyond-first-screen") });
  });

  await test.step("Before the page's script runs (here: never), the loading line says how many follow", async () => {
    const htmlOnly = await browser.newContext({
      baseURL: server.baseUrl,
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const still = await htmlOnly.newPage();
    await still.goto("/");
    await expect(still.locator("table.board tbody tr .patient-name")).toHaveCount(FIRST_SCREEN_ROWS);
    const waiting = still.getByRole("status").filter({ hasText: "less acute than those above" });
    await expect(waiting).toHaveText(`${total - FIRST_SCREEN_ROWS} more patients, less acute than those above: loading…`);
    await waiting.scrollIntoViewIfNeeded();
    await still.screenshot({ path: screenshotPath("board-first-screen-html-only") });
    await htmlOnly.close();
  });
  await context.close();
});
