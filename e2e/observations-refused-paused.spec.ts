// Refused, not possible, paused (OBS-STATUS, OBS-PAUSE, CLINICAL-RULES.md section 9), from the
// keyboard: a refusal charted with R then Enter restarts the observation clock on the board; a pause
// shows "Paused until …" on the board instead of the time due; resuming sets the next set 60 min later.
import { test, expect, type Page } from "@playwright/test";
import { signIn, screenshotPath, openBoard } from "./helpers";
import { admitPatient, hoursAgo, uniqueMrn } from "./patient-helpers";

const boardRow = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

/** A quiet set (grade 0) charted `hours` ago, so that the next one is late now. */
/** Charts a quiet set `hours` ago; returns the instant its time was typed from (the set is at that minute). */
async function chartQuietSet(page: Page, timelinePath: string, hours: number): Promise<number> {
  await page.goto(`${timelinePath}/chart`);
  const typedFrom = Date.now();
  await page.getByLabel(/Time of observation/).fill(hoursAgo(hours, typedFrom));
  await page.getByLabel("Temperature", { exact: true }).fill("36.8");
  await page.getByLabel(/^Heart rate/).fill("80");
  await page.getByLabel(/^Systolic BP/).fill("120");
  await page.getByLabel(/^Diastolic BP/).fill("70");
  await page.getByLabel(/^SpO2/).fill("98");
  await page.getByLabel(/^Oxygen device/).selectOption("room_air");
  await page.getByRole("button", { name: "Save observation" }).click();
  await expect(page.getByRole("heading", { name: /Observation saved/ })).toBeVisible();
  return typedFrom;
}

test("a refusal charted in two keystrokes restarts the observation clock on the board", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Rita Refused ${Date.now() % 100000}`;
  await signIn(page, "physician");
  const timelinePath = await admitPatient(page, { name, mrn: uniqueMrn("REF"), infusedHoursAgo: 30 });
  await chartQuietSet(page, timelinePath, 6);

  await openBoard(page);
  await expect(boardRow(page, name)).toContainText(/Vital signs\s*[\dhmin ]+late/);

  await page.goto(`${timelinePath}/chart`);
  // The form opens on the empty temperature field: R there opens the reason picker, Enter records it.
  await expect(page.getByLabel("Temperature", { exact: true })).toBeFocused();
  // The shortcut buttons are enabled once the keys work (the page has started in the browser).
  await expect(page.getByRole("button", { name: /^Refused/ })).toBeEnabled();
  await page.keyboard.press("r");
  await expect(page.getByLabel(/Why refused/)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Refused recorded at .*: Patient declined/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath("chart-refused"), fullPage: true });

  await openBoard(page);
  const row = boardRow(page, name);
  await expect(row).toContainText(/Vital signs\s*due in/);
  await expect(row).not.toContainText(/Vital signs\s*[\dhmin ]+late/);

  await page.goto(timelinePath);
  await expect(page.getByText("Refused: Patient declined")).toBeVisible();

  // N then a chosen reason records "not possible" the same way.
  await page.goto(`${timelinePath}/chart`);
  await expect(page.getByRole("button", { name: /^Not possible/ })).toBeEnabled();
  await page.keyboard.press("n");
  await page.getByLabel(/Why not possible/).selectOption("Off the ward");
  await page.getByLabel(/Why not possible/).press("Enter");
  await expect(page.getByRole("heading", { name: /Not possible recorded at .*: Off the ward/ })).toBeVisible();
});

test("a pause shows 'Paused until …' on the board; resuming sets the next set 60 min later", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Paul Paused ${Date.now() % 100000}`;
  await signIn(page, "nurse");
  // Nurses may not admit: a physician admits, the nurse pauses.
  const admitting = await page.context().browser()!.newContext();
  const physician = await admitting.newPage();
  await signIn(physician, "physician");
  const timelinePath = await admitPatient(physician, { name, mrn: uniqueMrn("PAU"), infusedHoursAgo: 30 });
  await chartQuietSet(physician, timelinePath, 6);
  await admitting.close();

  await page.goto(timelinePath);
  const panel = page.getByRole("region", { name: "Observations paused" });
  await panel.getByLabel("Why").selectOption("Scan");
  await panel.getByLabel(/Details/).fill("MRI");
  const untilValue = hoursAgo(-2);
  await panel.getByLabel(/Until/).fill(untilValue);
  await panel.getByRole("button", { name: "Pause observations" }).click();
  const untilClock = untilValue.slice(11, 16);
  await expect(page.getByTestId("patient-paused")).toContainText(`until`);
  await expect(page.getByTestId("patient-paused")).toContainText(`${untilClock} (Scan: MRI)`);

  await openBoard(page);
  // With its date when it ends tomorrow on the ward's clock (a pause set in the two hours before midnight).
  await expect(boardRow(page, name).getByTestId("observations-paused")).toHaveText(
    new RegExp(`^Paused until (\\d{1,2} [A-Z][a-z]{2} )?${untilClock} \\(Scan: MRI\\)$`),
  );
  await page.screenshot({ path: screenshotPath("board-paused"), fullPage: true });

  await page.goto(timelinePath);
  const resumedAt = Date.now();
  await page.getByRole("button", { name: "Resume observations" }).click();
  await expect(page.getByRole("button", { name: "Pause observations" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("patient-resumed"), fullPage: true });

  await openBoard(page);
  const row = boardRow(page, name);
  await expect(row.getByTestId("observations-paused")).toHaveCount(0);
  // Due 60 min after the resume (OBS-PAUSE), on the ward's clock: one of the two minutes around it,
  // with its date when that is tomorrow on the ward's clock (a resume in the last hour before midnight).
  const due = [0, 1].map((extra) => hoursAgo(-1, resumedAt + extra * 60_000).slice(11, 16));
  await expect(row).toContainText(
    new RegExp(`Vital signs\\s*due in (59 min|1 h 00 min)\\s*\\((\\d{1,2} [A-Z][a-z]{2} )?(${due.join("|")})\\)`),
  );
});

test("a physician sets a stricter own interval; a looser one is refused with the rule named", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Ida Interval ${Date.now() % 100000}`;
  await signIn(page, "physician");
  const timelinePath = await admitPatient(page, { name, mrn: uniqueMrn("INT"), infusedHoursAgo: 30 });
  const chartedFrom = await chartQuietSet(page, timelinePath, 0);

  await page.goto(timelinePath);
  const form = page.getByRole("form", { name: "Own observation interval" });
  await form.getByLabel("Interval (min)").fill("300");
  await form.getByLabel(/Reason/).fill("Less often");
  await form.getByRole("button", { name: "Set interval" }).click();
  await expect(form.getByRole("alert")).toContainText(
    "must be shorter than 240 min: the rules already ask for vital signs every 4 h",
  );

  await form.getByLabel("Interval (min)").fill("30");
  await form.getByLabel(/Reason/).fill("Borderline BP");
  await form.getByRole("button", { name: "Set interval" }).click();
  await expect(page.getByTestId("own-interval")).toContainText("Vital signs at least every 30 min");
  await page.screenshot({ path: screenshotPath("patient-own-interval"), fullPage: true });

  // Due 30 min after the set, on the ward's clock (with its date when that is tomorrow); the
  // countdown itself depends on how long the steps above took.
  const due = hoursAgo(-0.5, chartedFrom).slice(11, 16);
  await openBoard(page);
  await expect(boardRow(page, name)).toContainText(
    new RegExp(`Vital signs\\s*due in ([1-9]|[12]\\d|30) min\\s*\\((\\d{1,2} [A-Z][a-z]{2} )?${due}\\)`),
  );
});
