// Issue 12, point 9 on the production build: reading a chart is an audited event, and the auditor
// finds it in the audit log by patient, with the reader's name and the patient's name, not ids.
import { test, expect } from "@playwright/test";
import { apiAs, fixtureIds } from "./access-helpers";
import { screenshotPath, signIn } from "./helpers";

test("opening a chart and the timeline API are access events the auditor finds by patient, named", async ({ page }) => {
  const physician = await apiAs("physician");
  const { id } = await fixtureIds(physician);
  expect((await physician.get(`/api/patients/${id}/timeline`)).status()).toBe(200);
  await physician.dispose();

  await signIn(page, "nurse");
  await page.goto(`/patients/${id}`);
  const patientName = (await page.locator("h1").first().innerText()).trim();
  // The pages that show the record beside a form are reads too: dosing history, charting, weights.
  for (const path of ["dose", "chart", "weight"]) await page.goto(`/patients/${id}/${path}`);
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, "auditor");
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Patient").selectOption(id);
  await page.getByLabel("Action").selectOption("record.viewed");
  await page.getByRole("button", { name: "Show" }).click();
  const rows = page.getByRole("row").filter({ hasText: "record.viewed" });
  await expect(rows.first()).toBeVisible();
  const texts = await rows.allInnerTexts();
  console.log(`read audit: ${texts.length} access events for the patient`);
  expect(texts.some((t) => /Nurse/i.test(t))).toBe(true);
  expect(texts.some((t) => /Physician|Dr/i.test(t))).toBe(true);
  // The patient is named, never shown only as an id.
  expect(texts.every((t) => t.includes("MRN"))).toBe(true);
  expect(texts.join("\n")).not.toContain(`\n${id}\n`);
  await rows.first().getByText("Details").click();
  await expect(rows.first().getByRole("rowheader", { name: "view" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("audit-log-read-events"), fullPage: true });
  const html = await (await page.request.get(`/audit/log?patient=${id}&action=record.viewed`)).text();
  const views = ["chart", "timeline_api", "dosing", "chart_form", "weights"].filter((view) =>
    new RegExp(`>\\s*${view}\\s*<`).test(html),
  );
  console.log(`read audit: views found for the patient: ${views.join(", ")}`);
  expect(views).toEqual(["chart", "timeline_api", "dosing", "chart_form", "weights"]);
  expect(patientName.length).toBeGreaterThan(0);
});
