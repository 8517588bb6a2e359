// The ICU handoff as the receiving team uses it: the 24 h trend, the trajectory with NEWS2, the
// receiving clinician signing it off in the app, and the printout numbered "Page n of m" with who
// printed it. The printout is read back from the PDF Chromium prints.
import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { screenshotPath } from "./helpers";
import { DEMO_WARD } from "../lib/seed/demo-ward";
import { DEMO_USERS } from "../lib/seed/demo-users";

const HOUR = 3_600_000;
const run = Date.now() % 1_000_000;
const origin = () => `http://127.0.0.1:${process.env.E2E_PORT || 3100}`;
const name = `Hana Handoff ${run}`;

async function post(request: APIRequestContext, path: string, data: unknown): Promise<{ id?: string }> {
  const response = await request.post(path, { data, headers: { Origin: origin() } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as { id?: string };
}

async function signIn(page: Page, role: "physician" | "nurse"): Promise<string> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  await post(page.request, "/api/session", { username: user.username, password: user.password });
  return user.displayName;
}

/**
 * The text of a printed PDF, page by page (pdf.js), without white space: ligatures ("ff" in
 * "off") come out as pieces of their own, so words are compared with their spaces taken out.
 */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  return pages.map((text) => text.replace(/\s+/g, ""));
}

const squeezed = (text: string) => text.replace(/\s+/g, "");

test("the receiving clinician signs the handoff off, and the printout says page n of m, who printed it and who received it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  let patientId = "";
  await test.step("Given a physician admitted my patient, whose blood pressure fell without fever today", async () => {
    await signIn(page, "physician");
    const admitted = await post(page.request, "/api/patients", {
      mrn: `HOF${run}`,
      name,
      birthDate: "1958-07-19",
      sex: "female",
      weightKg: 64,
      weightMeasuredAt: new Date(Date.now() - 30 * HOUR).toISOString(),
      wardId: DEMO_WARD.id,
      bed: "HO-1",
      product: "axicabtagene ciloleucel",
      therapy: "car_t",
      infusionAt: new Date(Date.now() - 30 * HOUR).toISOString(),
    });
    patientId = admitted.id!;
    const sets = [
      { hoursAgo: 20, systolicBP: 128, heartRate: 80, temperature: 36.9 },
      { hoursAgo: 12, systolicBP: 104, heartRate: 96, temperature: 37.4 },
      { hoursAgo: 2, systolicBP: 86, heartRate: 118, temperature: 37.1 },
    ];
    for (const set of sets) {
      await post(page.request, `/api/patients/${patientId}/observations`, {
        idempotencyKey: crypto.randomUUID(),
        effectiveAt: new Date(Date.now() - set.hoursAgo * HOUR).toISOString(),
        temperature: set.temperature,
        heartRate: set.heartRate,
        respiratoryRate: 18,
        systolicBP: set.systolicBP,
        diastolicBP: 60,
        spo2: 96,
        oxygenDevice: "room_air",
        consciousness: "awake",
      });
    }
  });

  const nurse =
    await test.step("When the receiving nurse opens the handoff, it shows the 24 h trend and the NEWS2 trajectory", async () => {
      const displayName = await signIn(page, "nurse");
      await page.goto(`/patients/${patientId}/handoff`);
      await expect(page.getByRole("heading", { level: 1, name: `ICU handoff: ${name}` })).toBeVisible();
      const systolic = page.getByRole("row", { name: /Systolic BP/ });
      await expect(systolic.getByRole("cell").nth(0)).toContainText("86 mmHg");
      await expect(systolic.getByRole("cell").nth(1)).toContainText("86 mmHg");
      await expect(systolic.getByRole("cell").nth(2)).toContainText("128 mmHg");
      await expect(systolic.getByRole("cell").nth(3)).toHaveText("3");
      await expect(page.getByRole("row", { name: /^NEWS2/ })).toBeVisible();
      await expect(page.getByText(/CRS Grade 0, ICANS Grade 0, NEWS2 \d+ \(/).first()).toBeVisible();
      await expect(page.getByText("Not signed off")).toBeVisible();
      // Charted 2 h ago at NEWS2 5 (hourly): the vital signs are an hour late, in words.
      await expect(page.locator(".due-long-overdue")).toHaveText("Long overdue");
      // The NEWS2 rise 2 h ago (medium: answer within 30 min) nobody answered is handed over as late.
      await expect(page.locator('[data-task-kind="ESC_NEWS2"][data-task-status="late"]')).toContainText("LATE");
      await expect(page.getByText(`Printed by ${displayName} (Nurse)`)).toBeVisible();
      return displayName;
    });

  await test.step("And signs it off: the sheet shows who and when", async () => {
    await page.getByLabel("Note on receiving (optional)").fill("Received in ICU bed 3");
    await page.getByRole("button", { name: "Sign off this handoff" }).click();
    await expect(page.getByText(new RegExp(`Signed off by ${nurse} \\(Nurse\\) at `))).toBeVisible();
    await expect(page.getByText("Received in ICU bed 3")).toBeVisible();
    await expect(page.getByText("Not signed off")).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("handoff-signed-off"), fullPage: true });
  });

  await test.step("Then the printout numbers its pages, and names who printed and who signed off", async () => {
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: screenshotPath("handoff-signed-off-print"), fullPage: true });
    const pages = await pdfPages(await page.pdf({ format: "A4", preferCSSPageSize: true }));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    pages.forEach((text, i) => expect(text).toContain(`Page${i + 1}of${pages.length}`));
    const all = pages.join("");
    expect(all).toContain(squeezed(`Printed by ${nurse} (Nurse) at`));
    expect(all).toContain(squeezed(`Signed off by ${nurse} (Nurse) at`));
    expect(all).toContain(squeezed("Received in ICU bed 3"));
    expect(all).not.toContain(squeezed("Sign off this handoff")); // the form is not printed
    await page.emulateMedia({ media: null }); // page.pdf() prints with print media unless told otherwise
  });

  await test.step("And the whole ward's printout numbers every page of it", async () => {
    await page.goto("/handoff");
    await expect(page.getByRole("article", { name: `Handoff: ${name}` })).toContainText("Signed off by");
    const pages = await pdfPages(await page.pdf({ format: "A4", preferCSSPageSize: true }));
    expect(pages.length).toBeGreaterThan(5); // the demo ward and this test's patients, one sheet or more each
    pages.forEach((text, i) => expect(text).toContain(`Page${i + 1}of${pages.length}`));
  });
});
