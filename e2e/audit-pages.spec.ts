// Who did what, as the people who ask: an administrator adds and deactivates a user, a pharmacist
// reviews and exports the dosing audit, an auditor finds all of it in the audit log.
import { test, expect } from "@playwright/test";
import { screenshotPath } from "./helpers";
import { signIn } from "./helpers";
import { parseCsvRecords } from "../tests/helpers/parse-csv";

// Each e2e run has its own fresh database, so a fixed username is unique within it.
const username = "lola.locum";

// The auditor looks for what the first two stories did.
test.describe.configure({ mode: "serial" });

test("an administrator adds a user who can sign in, then deactivates them", async ({ page, browser }) => {
  await signIn(page, "admin");
  await test.step("When I add a locum nurse with a short password, I am told the rule", async () => {
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name").fill("Lola Locum, RN");
    await page.getByLabel("Role").selectOption("nurse");
    await page.getByLabel(/Initial password/).fill("short");
    await page.getByLabel(/Initial password/).evaluate((el) => el.removeAttribute("minlength"));
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText("Initial password must be at least 12 characters").first()).toBeVisible();
  });
  await test.step("When I give a 12-character password, the locum is listed as active", async () => {
    await page.getByLabel(/Initial password/).fill("locum-password-1");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("status")).toContainText("Lola Locum, RN");
    await expect(page.getByRole("row", { name: new RegExp(username) })).toContainText("Active");
  });
  await test.step("Then the locum can sign in", async () => {
    const other = await browser.newPage();
    await other.goto("/login");
    await other.getByLabel("Username").fill(username);
    await other.getByLabel("Password").fill("locum-password-1");
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other.getByText("Lola Locum, RN")).toBeVisible();
    await other.close();
  });
  await test.step("When I deactivate the locum, they can no longer sign in", async () => {
    await page.getByRole("button", { name: `Deactivate ${username}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(username) })).toContainText("Deactivated");
    const other = await browser.newPage();
    await other.goto("/login");
    await other.getByLabel("Username").fill(username);
    await other.getByLabel("Password").fill("locum-password-1");
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other.getByText("Wrong username or password.")).toBeVisible();
    await other.close();
  });
});

test("a pharmacist reviews flagged doses and exports the dosing audit", async ({ page }) => {
  await signIn(page, "pharmacist");
  await test.step("When I open the dosing audit, every dose is listed with who recorded it", async () => {
    await page.getByRole("link", { name: "Dosing audit" }).click();
    await expect(page.getByRole("heading", { name: "Dosing audit" })).toBeVisible();
    await expect(page.getByText(/\d+ doses/)).toBeVisible();
  });
  await test.step("When I filter tocilizumab for Eva Fourdoses, I see her four doses", async () => {
    await page.getByLabel("Patient").selectOption({ label: "Eva Fourdoses (MRN100005)" });
    await page.getByLabel("Drug").selectOption("tocilizumab");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/drug=tocilizumab/);
    await expect(page.getByText("4 doses")).toBeVisible();
    await page.screenshot({ path: screenshotPath("dosing-audit"), fullPage: true });
  });
  await test.step("When I export, the CSV holds the same doses", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    const records = parseCsvRecords(text);
    expect(records).toHaveLength(4);
    expect(new Set(records.map((r) => r.patient_name))).toEqual(new Set(["Eva Fourdoses"]));
    expect(new Set(records.map((r) => r.drug))).toEqual(new Set(["tocilizumab"]));
  });
  await test.step("When I ask for a date range that ends before it starts, I am told so", async () => {
    await page.goto("/audit/doses?from=2026-03-10&to=2026-03-01");
    await expect(page.getByText("To date must be on or after the from date")).toBeVisible();
  });
});

test("an auditor finds the user changes and the export in the audit log", async ({ page }) => {
  await signIn(page, "auditor");
  await page.getByRole("link", { name: "Audit log" }).click();
  await test.step("When I filter on user creations, the locum's creation is there with who did it", async () => {
    await page.getByLabel("Action").selectOption("user.create");
    await page.getByRole("button", { name: "Show" }).click();
    const row = page.getByRole("row").filter({ hasText: "user.create" }).first();
    await expect(row).toContainText("Adam Admin");
    await row.getByText("Details").click();
    await expect(row.getByRole("row", { name: /username/ })).toContainText(username);
  });
  await test.step("When I filter on exports, the pharmacist's export names its filters and row count", async () => {
    await page.getByLabel("Action").selectOption("export.dosing_audit");
    await page.getByRole("button", { name: "Show" }).click();
    const row = page.getByRole("row").filter({ hasText: "export.dosing_audit" }).first();
    await expect(row).toContainText("Fran Pharmacist");
    await row.getByText("Details").click();
    await expect(row.getByRole("row", { name: /^rows/ })).toContainText("4");
    await expect(row).toContainText('"drug":"tocilizumab"');
    await page.screenshot({ path: screenshotPath("audit-log"), fullPage: true });
  });
});
