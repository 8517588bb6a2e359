// Coded drugs, weight history and confirmed limits on the ward (CLINICAL-RULES.md DRUG-CODES,
// TOCI-WEIGHT, TOCI-CONFIRM), written as the nurse and the physician would do it.
import { test, expect, type Page } from "@playwright/test";
import { signIn, screenshotPath } from "./helpers";
import { admitPatient, chooseDrug, hoursAgo, uniqueMrn } from "./patient-helpers";

// A freshly started server answers its first sign-in slowly on a busy machine: sign in once first.
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill("nurse");
  await page.getByLabel("Password").fill("nurse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Ward board" })).toBeVisible({ timeout: 30_000 });
  await page.close();
});

/** Charts tocilizumab at `hours` ago; when the server warns of a limit, confirms it with `reason`. */
async function chartTocilizumab(page: Page, path: string, hours: number, reason?: string) {
  await page.goto(`${path}/dose`);
  await chooseDrug(page, "toci", "Tocilizumab (Actemra)");
  await page.getByLabel(/Time given/).fill(hoursAgo(hours));
  await page.getByRole("button", { name: "Record dose" }).click();
  if (reason) {
    await expect(page.getByRole("heading", { name: "This dose breaks a tocilizumab limit" })).toBeVisible();
    await page.getByLabel(/Reason for giving it despite the limit/).fill(reason);
    await page.getByRole("button", { name: "Confirm and record" }).click();
  }
  await expect(page.getByRole("heading", { name: "Dose recorded" })).toBeVisible();
}

test("'Actemra' typed as another drug is refused; picked as tocilizumab it counts as dose 1 of 4", async ({ page }) => {
  const name = `Ada Actemra ${Date.now() % 100000}`;
  let path = "";
  await test.step("Given my own patient of 70 kg", async () => {
    await signIn(page, "physician");
    path = await admitPatient(page, { name, mrn: uniqueMrn("E2EA") });
    await signIn(page, "nurse");
  });
  await test.step("When I type Actemra as another drug, the form refuses it and says which drug it is", async () => {
    await page.goto(`${path}/dose`);
    const box = page.getByRole("combobox", { name: "Drug" });
    await box.fill("zz");
    await expect(page.getByRole("listbox", { name: "Drugs" }).getByRole("option")).toHaveText(["Other (type the name)"]);
    await box.press("Enter");
    await page.getByLabel("Generic name of the drug").fill("Actemra");
    await page.getByLabel("Dose (mg)").fill("5000");
    await page.getByLabel("Route").selectOption("IV");
    await page.getByRole("button", { name: "Record dose" }).click();
    await expect(page.getByRole("alert").getByText(/This is tocilizumab: choose Tocilizumab so its limits apply/)).toBeVisible();
    await page.screenshot({ path: screenshotPath("dose-actemra-refused"), fullPage: true });
  });
  await test.step("When I type 'act' in the drug box, Tocilizumab (Actemra) comes first; the form warns as I type", async () => {
    await page.goto(`${path}/dose`);
    await chooseDrug(page, "act", "Tocilizumab (Actemra)");
    await expect(page.getByLabel("Dose (mg)")).toHaveValue("560");
    const preview = page.getByTestId("dose-preview");
    await expect(preview).toContainText("This would be dose 1 of 4.");
    await expect(preview).toContainText("No tocilizumab limit broken.");
    await page.getByLabel("Dose (mg)").fill("900");
    await expect(preview).toContainText("TOCI_DOSE_OVER_800MG");
    await page.screenshot({ path: screenshotPath("dose-live-preview"), fullPage: true });
    await page.getByLabel("Dose (mg)").fill("560");
    await expect(preview).toContainText("No tocilizumab limit broken.");
    await page.getByRole("button", { name: "Record dose" }).click();
    await expect(page.getByRole("heading", { name: "Dose recorded" })).toBeVisible();
    // The counters above the form are right straight after saving.
    await expect(page.getByText(/Tocilizumab so far: 1 of 4/)).toBeVisible();
  });
  await test.step("Then the timeline shows it as tocilizumab, dose 1 of 4", async () => {
    await page.goto(path);
    await expect(page.getByRole("cell", { name: /Tocilizumab \(dose 1 of 4\) 560 mg/ })).toBeVisible();
  });
});

test("a new weight leaves the flags of doses given before it alone", async ({ page }) => {
  const name = `Wendy Weighed ${Date.now() % 100000}`;
  let path = "";
  await test.step("Given my own patient weighed 70 kg four hours ago, with 560 mg tocilizumab three hours ago (8 mg/kg, no flag)", async () => {
    await signIn(page, "physician");
    path = await admitPatient(page, { name, mrn: uniqueMrn("E2EW"), weightKg: 70, weighedHoursAgo: 4 });
    await signIn(page, "nurse");
    await chartTocilizumab(page, path, 3);
  });
  await test.step("When I chart a weight of 40 kg now", async () => {
    await page.goto(path);
    await page.getByRole("link", { name: "Record weight" }).click();
    await page.getByLabel("Weight (kg)").fill("40");
    await page.getByRole("button", { name: "Record weight" }).click();
    await expect(page.getByRole("heading", { name: "Weight recorded: 40 kg" })).toBeVisible();
  });
  await test.step("Then the earlier dose keeps no flag, and the next dose is measured against 40 kg", async () => {
    await page.goto(path);
    const row = page.getByRole("row").filter({ hasText: "Tocilizumab (dose 1 of 4)" });
    await expect(row.getByText("None", { exact: true })).toBeVisible();
    await expect(page.getByText(/40 kg \(measured/)).toBeVisible();
    await page.goto(`${path}/dose`);
    await expect(page.getByText(/Weight used: 40 kg/)).toBeVisible();
    await chooseDrug(page, "toci", "Tocilizumab (Actemra)");
    await expect(page.getByLabel("Dose (mg)")).toHaveValue("320");
    await page.screenshot({ path: screenshotPath("dose-form-new-weight"), fullPage: true });
  });
});

test("a mistyped weight is corrected as a new version with its reason, then marked entered in error; doses use what stands", async ({
  page,
}) => {
  const name = `Walter Weighed ${Date.now() % 100000}`;
  let path = "";
  await test.step("Given my own patient weighed 70 kg on admission, and 47 kg typed for 74 kg an hour ago", async () => {
    await signIn(page, "physician");
    path = await admitPatient(page, { name, mrn: uniqueMrn("E2EC"), weightKg: 70, weighedHoursAgo: 4 });
    await signIn(page, "nurse");
    await page.goto(`${path}/weight`);
    await page.getByLabel("Weight (kg)").fill("47");
    await page.getByRole("button", { name: "Record weight" }).click();
    await expect(page.getByRole("heading", { name: "Weight recorded: 47 kg" })).toBeVisible();
  });
  await test.step("When I correct it to 74 kg, saying why, the list and the dose form use 74 kg", async () => {
    await page.goto(`${path}/weight`);
    await page.getByRole("listitem").filter({ hasText: "47 kg" }).getByRole("link", { name: "Correct" }).click();
    await expect(page.getByLabel("Weight (kg)")).toHaveValue("47");
    await page.getByLabel("Weight (kg)").fill("74");
    await page.getByRole("button", { name: "Save the correction" }).click();
    await expect(page.getByText("Reason for the correction").first()).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
    await page.getByLabel("Reason for the correction").fill("Digits swapped when typed");
    await page.getByRole("button", { name: "Save the correction" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Weight corrected: 74 kg, measured/ })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "74 kg" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "47 kg" })).toHaveCount(0);
    await page.goto(`${path}/dose`);
    await expect(page.getByText(/Weight used: 74 kg/)).toBeVisible();
  });
  await test.step("When I mark it entered in error, the admission weight stands again", async () => {
    await page.goto(`${path}/weight`);
    await page.getByRole("listitem").filter({ hasText: "74 kg" }).getByRole("link", { name: "Correct" }).click();
    await page.getByLabel("Reason (entered in error)").fill("Weighed the wrong patient");
    await page.getByRole("button", { name: "Mark entered in error" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The weight was marked entered in error" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "74 kg" })).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("weight-entered-in-error"), fullPage: true });
    await page.goto(`${path}/dose`);
    await expect(page.getByText(/Weight used: 70 kg/)).toBeVisible();
  });
});

test("a late earlier dose makes a confirmed dose unconfirmed; the physician sees it in the queue and confirms it", async ({
  page,
}) => {
  const name = `Liam Latedose ${Date.now() % 100000}`;
  let path = "";
  await test.step("Given doses 6 h and 3 h ago, the second under 8 h, confirmed by me (a physician) when charted", async () => {
    await signIn(page, "physician");
    path = await admitPatient(page, { name, mrn: uniqueMrn("E2EL"), infusedHoursAgo: 40 });
    await chartTocilizumab(page, path, 6);
    await chartTocilizumab(page, path, 3, "Refractory hypotension, discussed with ICU");
    await page.goto(path);
    await expect(page.getByText(/Awaiting physician confirmation/)).toHaveCount(0);
  });
  await test.step("When a nurse charts two earlier doses late (20 h and 12 h ago)", async () => {
    await signIn(page, "nurse");
    await chartTocilizumab(page, path, 20);
    await chartTocilizumab(page, path, 12, "Given overnight on ICU, charted late");
  });
  await test.step("Then the patient page shows the unconfirmed limit", async () => {
    await signIn(page, "physician");
    await page.goto(path);
    await expect(page.getByText(/ALERT-UNCONFIRMED-LIMIT/).first()).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "Tocilizumab (dose 4 of 4)" });
    await expect(row.getByText(/Awaiting physician confirmation: TOCI_MAX_3_PER_24H/)).toBeVisible();
  });
  await test.step("And my queue lists it; I confirm every flag it has now with a reason", async () => {
    await page.getByRole("link", { name: "Limits to confirm" }).click();
    await expect(page.getByRole("heading", { name: "Limits to confirm" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: name }).filter({ hasText: "dose 4 of 4" });
    await expect(row).toContainText("TOCI_MAX_3_PER_24H (unconfirmed)");
    await expect(row).toContainText("TOCI_INTERVAL_UNDER_8H (confirmed)");
    await page.screenshot({ path: screenshotPath("limits-to-confirm"), fullPage: true });
    await row.getByText("Confirm limits").click();
    await row.getByLabel(/is accepted despite/).fill("Reviewed with ICU: fourth dose in 24 h accepted");
    await row.getByRole("button", { name: /^Confirm / }).click();
    await expect(page.getByRole("row").filter({ hasText: name }).filter({ hasText: "dose 4 of 4" })).toHaveCount(0);
  });
  await test.step("Then the dose shows who confirmed what, and it is still charted by me", async () => {
    await page.goto(path);
    const row = page.getByRole("row").filter({ hasText: "Tocilizumab (dose 4 of 4)" });
    await expect(row).toContainText("Confirmed TOCI_INTERVAL_UNDER_8H, TOCI_MAX_3_PER_24H by");
    await expect(row).toContainText("Reviewed with ICU: fourth dose in 24 h accepted");
    await page.screenshot({ path: screenshotPath("dose-confirmed"), fullPage: true });
  });
});
