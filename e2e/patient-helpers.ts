// Ward steps shared by the ward specs: admitting a patient of one's own (unique per run) and
// typing bedside times on the ward's clock, as a nurse would.
import { expect, type Page } from "@playwright/test";
import { DEMO_WARD } from "../lib/seed/demo-ward";
import { toWardInputValue } from "../lib/format/ward-input";

export const WARD_TIME_ZONE = DEMO_WARD.timeZone;
const HOUR = 3_600_000;

/** The datetime-local value of "h hours ago" on the ward's clock. */
export function hoursAgo(hours: number, now = Date.now()): string {
  return toWardInputValue(now - hours * HOUR, WARD_TIME_ZONE);
}

export function uniqueMrn(prefix: string): string {
  return `${prefix}${Date.now()}`;
}

/** Admits a patient through the form (signed in as a physician); returns the timeline path. */
export async function admitPatient(
  page: Page,
  patient: { name: string; mrn: string; weightKg?: number; infusedHoursAgo?: number; weighedHoursAgo?: number },
): Promise<string> {
  await page.goto("/patients/new");
  await page.getByLabel("Name", { exact: true }).fill(patient.name);
  await page.getByLabel("MRN", { exact: true }).fill(patient.mrn);
  await page.getByLabel("Date of birth").fill("1966-05-01");
  await page.getByLabel("Sex").selectOption("female");
  await page.getByLabel("Weight (kg)").fill(String(patient.weightKg ?? 70));
  if (patient.weighedHoursAgo !== undefined) await page.getByLabel("Weight measured at").fill(hoursAgo(patient.weighedHoursAgo));
  await page.getByLabel("Ward", { exact: true }).selectOption({ label: DEMO_WARD.name });
  await page.getByLabel("Bed").fill("E2E-1");
  await page.getByLabel("Product").fill("axicabtagene ciloleucel");
  await page.getByLabel("Therapy").selectOption("car_t");
  await page.getByLabel(/Infusion, day 0/).fill(hoursAgo(patient.infusedHoursAgo ?? 30));
  await page.getByRole("button", { name: "Admit patient" }).click();
  await expect(page.getByRole("heading", { level: 1, name: patient.name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Picks a drug in the dose form as a nurse would: types part of a name, then Enter on the first match. */
export async function chooseDrug(page: Page, typed: string, expected: string | RegExp): Promise<void> {
  const box = page.getByRole("combobox", { name: "Drug" });
  await box.fill(typed);
  await expect(page.getByRole("listbox", { name: "Drugs" }).getByRole("option").first()).toHaveText(expected);
  await box.press("Enter");
  await expect(box).toHaveValue(expected);
}

/**
 * Opens the patient's charting form and fills a febrile, hypotensive set on room air, charted now
 * (grade 2, raising ESC_CRS_RISE), without saving: the caller saves, having set up what it times.
 */
export async function fillGrade2Set(page: Page, timelinePath: string): Promise<void> {
  await page.goto(`${timelinePath}/chart`);
  await page.getByLabel(/Time of observation/).fill(hoursAgo(0, Date.now()));
  await page.getByLabel("Temperature", { exact: true }).fill("38.9");
  await page.getByLabel(/^Heart rate/).fill("118");
  await page.getByLabel(/^Systolic BP/).fill("84");
  await page.getByLabel(/^Diastolic BP/).fill("50");
  await page.getByLabel(/^SpO2/).fill("96");
  await page.getByLabel(/^Oxygen device/).selectOption("room_air");
}
