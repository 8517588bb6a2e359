// A physician corrects a patient's record: the edit needs a reason (refused without one, nothing
// typed is lost), and the record's history shows who changed what, when and why.
import { test, expect } from "@playwright/test";
import { signIn, screenshotPath } from "./helpers";
import { admitPatient, uniqueMrn } from "./patient-helpers";

test("editing a patient needs a reason, and the record history shows the change", async ({ page }) => {
  await signIn(page, "physician");
  const name = "Hedda Historied";
  const path = await admitPatient(page, { name, mrn: uniqueMrn("HIST") });

  await test.step("When I move her to bed E2E-7 and turn off fever masking without a reason, nothing is saved", async () => {
    await page.goto(`${path}/edit`);
    await page.getByLabel("Bed").fill("E2E-7");
    await page.getByLabel(/Antipyretics .* mask fever/).uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await expect(summary).toContainText("Reason for the change");
    await expect(page.getByRole("textbox", { name: /Reason for the change/ })).toHaveAttribute("aria-invalid", "true");
    // What I typed is still there.
    await expect(page.getByLabel("Bed")).toHaveValue("E2E-7");
    await expect(page.getByLabel(/Antipyretics .* mask fever/)).not.toBeChecked();
  });

  await test.step("With a reason it is saved, and the chart's record history lists it", async () => {
    await page.getByRole("textbox", { name: /Reason for the change/ }).fill("Moved to a side room; consultant's protocol");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Record history" })).toBeVisible();
    await page.getByText(/2 versions: who changed what/).click();
    const latest = page.getByRole("row").filter({ hasText: "2: Edited" });
    await expect(latest).toContainText("Bed: E2E-1 → E2E-7");
    await expect(latest).toContainText("Antipyretics mask fever: yes → no");
    await expect(latest).toContainText("Moved to a side room; consultant's protocol");
    await expect(latest).toContainText("Dr Philip Physician");
    await expect(page.getByRole("row").filter({ hasText: "1: Admitted" })).toContainText("Bed: E2E-1");
  });

  await test.step("The edit page shows the history open, newest first", async () => {
    await page.goto(`${path}/edit`);
    const rows = page.getByRole("region", { name: "Record history" }).getByRole("row");
    await expect(rows.nth(1)).toContainText("2: Edited");
    await expect(rows.nth(2)).toContainText("1: Admitted");
    await page.getByRole("heading", { name: "Record history" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("patient-record-history"), fullPage: true });
  });
});
