// A tired nurse's typo: the form refuses it in the browser, keeps everything typed, and names each
// wrong field beside it and in a summary read out to screen readers.
import { test, expect } from "@playwright/test";
import { signIn, screenshotPath } from "./helpers";
import { admitPatient, uniqueMrn } from "./patient-helpers";

test("a charting form with 450 °C and no time keeps the other values and names both fields", async ({ page }) => {
  let path = "";
  await test.step("Given my own patient", async () => {
    await signIn(page, "physician");
    path = await admitPatient(page, { name: `Vera Validation ${Date.now() % 100000}`, mrn: uniqueMrn("E2EV") });
  });
  await signIn(page, "nurse");
  await test.step("When I type 450 °C, clear the time and save", async () => {
    await page.goto(`${path}/chart`);
    await page.getByLabel(/Time of observation/).fill("");
    await page.getByLabel("Temperature", { exact: true }).fill("450");
    await page.getByLabel(/^Heart rate/).fill("88");
    await page.getByLabel(/^Systolic BP/).fill("118");
    await page.getByLabel(/^Oxygen device/).selectOption("nasal_cannula");
    await page.getByLabel(/^Oxygen flow/).fill("2");
    await page.getByRole("button", { name: "Save observation" }).click();
  });
  await test.step("Then nothing is saved, both fields are named, and everything I typed is still there", async () => {
    const summary = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await expect(summary).toContainText("Nothing was saved");
    await expect(summary).toContainText("Time of observation: is required");
    await expect(summary).toContainText("Temperature: 450 °C is outside 25-45 °C");
    const temperature = page.getByLabel("Temperature", { exact: true });
    await expect(temperature).toHaveAttribute("aria-invalid", "true");
    await expect(temperature).toHaveAccessibleDescription(/450 °C is outside 25-45 °C/);
    await expect(page.getByLabel(/Time of observation/)).toHaveAttribute("aria-invalid", "true");
    await expect(temperature).toHaveValue("450");
    await expect(page.getByLabel(/^Heart rate/)).toHaveValue("88");
    await expect(page.getByLabel(/^Systolic BP/)).toHaveValue("118");
    await expect(page.getByLabel(/^Oxygen flow/)).toHaveValue("2");
    await page.screenshot({ path: screenshotPath("chart-form-errors"), fullPage: true });
  });
  await test.step("When I correct both and save, the observation is charted once", async () => {
    await page.getByRole("button", { name: "Set to now" }).click();
    await page.getByLabel("Temperature", { exact: true }).fill("37.2");
    await page.getByRole("button", { name: "Save observation" }).click();
    await expect(page.getByRole("heading", { name: /Observation saved/ })).toBeVisible();
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Observations (1)" })).toBeVisible();
  });
  await test.step("When it turns out to be another patient's, I mark it entered in error with a reason: struck through, never deleted", async () => {
    await page.getByText("Entered in error", { exact: true }).click();
    await page.getByLabel(/Why the observation of .* was entered in error/).fill("Charted on the wrong patient");
    await page.getByRole("button", { name: /Mark the observation of .* as entered in error/ }).click();
    await expect(page.getByRole("heading", { name: "Observations (0, 1 entered in error)" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Charted on the wrong patient" })).toContainText("Entered in error");
  });
});
