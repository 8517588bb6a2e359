// Uploading a patient's record, as the ward does it: a FHIR R4 Bundle from another system is
// previewed (sets, doses, the tocilizumab limit a dose breaks), refused until that dose is
// confirmed with a reason, imported, and a second upload stores nothing; the patient's timeline
// exchange file downloaded and uploaded for a new patient grades the same.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS } from "../lib/seed/demo-users";
import { apiAs, BASE_URL } from "./access-helpers";
import { signIn, screenshotPath } from "./helpers";
import { admitPatient, uniqueMrn } from "./patient-helpers";

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString().replace(/\.\d{3}Z$/, "Z");

function monitorBundle(): string {
  const temperature = (id: string, hours: number, value: number) => ({
    resource: {
      resourceType: "Observation",
      id,
      identifier: [{ system: "urn:oid:2.16.840.1.113883.3.9999", value: id }],
      status: "final",
      category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs" }] }],
      code: { coding: [{ system: "http://loinc.org", code: "8310-5", display: "Body temperature" }] },
      effectiveDateTime: ago(hours),
      valueQuantity: { value, unit: "°C", system: "http://unitsofmeasure.org", code: "Cel" },
    },
  });
  const heartRate = (id: string, hours: number, value: number) => ({
    resource: {
      ...temperature(id, hours, 0).resource,
      code: { coding: [{ system: "http://loinc.org", code: "8867-4", display: "Heart rate" }] },
      valueQuantity: { value, unit: "beats/min", system: "http://unitsofmeasure.org", code: "/min" },
    },
  });
  const dose = (id: string, hours: number) => ({
    resource: {
      resourceType: "MedicationAdministration",
      id,
      identifier: [{ system: "urn:oid:2.16.840.1.113883.3.9998", value: id }],
      status: "completed",
      medicationCodeableConcept: { text: "tocilizumab" },
      subject: { display: "from the monitor" },
      effectiveDateTime: ago(hours),
      dosage: { route: { text: "IV" }, dose: { value: 560, unit: "mg", system: "http://unitsofmeasure.org", code: "mg" } },
    },
  });
  return JSON.stringify({
    resourceType: "Bundle",
    type: "collection",
    entry: [
      temperature("t1", 21, 38.9),
      heartRate("h1", 21, 118),
      temperature("t2", 12, 39.2),
      temperature("t3", 2, 38.4),
      dose("d1", 20),
      dose("d2", 11),
      dose("d3", 2.5),
      dose("d4", 1),
    ],
  });
}

// The first sign-in of a fresh server (bcrypt, first compile of the pages) can outlast the
// sign-in helper's wait on a busy machine: sign in once before the ward steps start.
test.beforeAll(async ({ browser }) => {
  const physician = await apiAs("physician");
  await physician.dispose();
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill("physician");
  await page.getByLabel("Password").fill(DEMO_USERS.find((user) => user.role === "physician")!.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").first()).toBeVisible({ timeout: 60_000 });
  await context.close();
});

async function upload(page: Page, name: string, content: string) {
  await page.getByLabel("File").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: /^Preview/ }).click();
}

test("a FHIR Bundle is previewed, a dose over a limit needs its confirmation, and a second upload stores nothing", async ({
  page,
}) => {
  await signIn(page, "physician");
  const name = `Import Patient ${Date.now()}`;
  const timeline = await admitPatient(page, { name, mrn: uniqueMrn("IMP"), infusedHoursAgo: 30 });
  await page.getByRole("link", { name: "Import / export" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Import into the chart: ${name}` })).toBeVisible();

  await upload(page, "monitor.json", monitorBundle());
  const summary = page.getByTestId("import-summary");
  // The first upload a server validates reads the R4 definitions (34 MB) once.
  await expect(summary).toContainText("3 sets, 4 doses; dose 4 (tocilizumab 560 mg,", { timeout: 60_000 });
  await expect(summary).toContainText("would break");
  await expect(summary).toContainText("TOCI_INTERVAL_UNDER_8H");
  await page.screenshot({ path: screenshotPath("import-preview"), fullPage: true });

  await page.getByRole("button", { name: "Import 7 entries" }).click();
  await expect(page.getByRole("region", { name: "Import" }).getByRole("alert")).toContainText("confirm it with a reason");

  await page.getByLabel("This dose was given despite the limit").check();
  await page.getByLabel("Why it was given (required)").fill("Refractory CRS, haematology consultant's decision");
  const importedAt = Date.now();
  await page.getByRole("button", { name: "Import 7 entries" }).click();
  await expect(page.getByTestId("import-outcome")).toHaveText("Imported 3 sets and 4 doses.");
  await page.screenshot({ path: screenshotPath("import-done"), fullPage: true });

  // The same monitor's upload again (a retry): every entry is already on the chart.
  await upload(page, "monitor.json", monitorBundle());
  await expect(summary).toHaveText("0 sets, 0 doses; 7 entries already on the chart (not stored again)");

  const bundle = await page.request.get(`/api/patients${timeline.slice("/patients".length)}/fhir`);
  expect(bundle.status()).toBe(200);
  expect(bundle.headers()["content-type"]).toContain("application/fhir+json");
  expect(await bundle.json()).toMatchObject({ resourceType: "Bundle", type: "collection" });

  await page.goto(timeline);
  // The imported dose carries its flags on the timeline, as a charted one does.
  await expect(page.locator(".tag.flag", { hasText: "TOCI_INTERVAL_UNDER_8H" }).first()).toBeVisible();

  // The chart as it stood just before the import: nothing charted yet; and just after: the four doses.
  const patientId = timeline.split("/").pop()!;
  await page.goto(`/patients/${patientId}/replay?at=${encodeURIComponent(new Date(importedAt - 1000).toISOString())}`);
  await expect(page.getByTestId("replay-banner")).toContainText("Replay, read-only");
  await expect(page.getByTestId("replay-tocilizumab")).toContainText("0 of 4");
  await page.goto(`/patients/${patientId}/replay?at=${encodeURIComponent(new Date().toISOString())}`);
  await expect(page.getByTestId("replay-tocilizumab")).toContainText("4 of 4 · 4 in last 24 h");
  await expect(page.getByRole("link", { name: "Chart observations" })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("replay"), fullPage: true });
});

test("the timeline exchange file downloaded from one patient and uploaded for a new one grades the same", async ({ page }) => {
  await signIn(page, "physician");
  const first = await admitPatient(page, {
    name: `Source ${Date.now()}`,
    mrn: uniqueMrn("SRC"),
    infusedHoursAgo: 30,
    weighedHoursAgo: 29,
  });
  const firstId = first.split("/").pop()!;
  await page.goto(`${first}/import`);
  await upload(page, "monitor.json", monitorBundle());
  await page.getByLabel("This dose was given despite the limit").check();
  await page.getByLabel("Why it was given (required)").fill("Refractory CRS");
  await page.getByRole("button", { name: "Import 7 entries" }).click();
  await expect(page.getByTestId("import-outcome")).toBeVisible();

  const download = await page.request.get(`/api/patients/${firstId}/exchange-file`);
  expect(download.status()).toBe(200);
  const file = await download.text();
  expect(JSON.parse(file)).toMatchObject({ patient: { id: firstId } });

  const second = await admitPatient(page, {
    name: `Copy ${Date.now()}`,
    mrn: uniqueMrn("CPY"),
    infusedHoursAgo: 30,
    weighedHoursAgo: 28,
  });
  const secondId = second.split("/").pop()!;
  await page.goto(`${second}/import`);
  await upload(page, "timeline.json", file);
  await expect(page.getByLabel("Format")).toHaveValue("timeline");
  // The file's weight history starts with the first patient's admission weight, measured an hour before this one's.
  await expect(page.getByTestId("import-summary")).toContainText("3 sets, 4 doses, 1 weight; dose 4");
  await page.getByLabel("This dose was given despite the limit").check();
  await page.getByLabel("Why it was given (required)").fill("Refractory CRS");
  await page.getByRole("button", { name: "Import 8 entries" }).click();
  await expect(page.getByTestId("import-outcome")).toHaveText("Imported 3 sets, 4 doses and 1 weight.");
  await page.screenshot({ path: screenshotPath("import-exchange-file"), fullPage: true });

  type Graded = {
    graded: {
      observations: { at: string; grade: number }[];
      medications: { at: string; flags: string[] }[];
      timers: { kind: string; dueAt: string; status: string }[];
    };
  };
  const course = async (id: string) => {
    const body = (await (await page.request.get(`/api/patients/${id}/timeline?window=all`)).json()) as Graded;
    return {
      grades: body.graded.observations.map((row) => [row.at, row.grade]),
      flags: body.graded.medications.map((row) => [row.at, row.flags]),
      timers: body.graded.timers.map((timer) => [timer.kind, timer.status, timer.dueAt]),
    };
  };
  expect(await course(secondId)).toEqual(await course(firstId));
});

/** A referring centre's exchange file: every fact kind the engine reads, times relative to now. */
function referralFile(ago: (hours: number) => string): string {
  return JSON.stringify({
    patient: { id: "referral-17", weights: [{ at: ago(28), kg: 82 }] },
    observations: [
      {
        id: "o1",
        at: ago(20),
        temperatureC: 38.6,
        heartRate: 112,
        respiratoryRate: 20,
        systolicBP: 118,
        diastolicBP: 70,
        spo2: 96,
        oxygen: { device: "room_air" },
        iceScore: 10,
      },
      {
        id: "o2",
        at: ago(18),
        temperatureC: 39.1,
        heartRate: 124,
        systolicBP: 84,
        diastolicBP: 48,
        spo2: 92,
        oxygen: { device: "nasal_cannula", flowLpm: 3 },
        vasopressors: [],
      },
      { id: "o3", at: ago(14), status: "refused", statusReason: "Asleep, asked not to be woken" },
      {
        id: "o4",
        at: ago(9),
        temperatureC: 37.6,
        heartRate: 96,
        systolicBP: 104,
        diastolicBP: 62,
        spo2: 96,
        oxygen: { device: "room_air" },
      },
    ],
    medications: [
      { id: "m1", at: ago(17.5), drug: "tocilizumab", doseMg: 656, route: "IV" },
      {
        id: "m2",
        at: ago(15),
        drug: "tocilizumab",
        doseMg: 656,
        route: "IV",
        confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
        confirmedAt: ago(14.75),
        confirmedBy: "Dr Referrer",
      },
    ],
    pauses: [{ id: "p1", from: ago(12), until: ago(10), reason: "MRI head" }],
    acknowledgements: [
      {
        id: "a1",
        taskId: "ESC_CRS_RISE:o2",
        at: ago(17.7),
        by: "Dr Referrer",
        role: "physician",
        outcome: "reviewed_at_bedside",
      },
    ],
  });
}

type Course = {
  graded: {
    observations: { at: string; grade: number; status: string }[];
    medications: { at: string; flags: string[]; unconfirmedFlags: string[] }[];
    timers: { kind: string; dueAt: string; status: string }[];
    tasks: {
      kind: string;
      status: string;
      raisedAt: string;
      acknowledgedBy: string | null;
      acknowledgedAt: string | null;
      closedAt: string | null;
    }[];
  };
};

test("a referral's exchange file with every fact kind is previewed per kind, and its download imported into a new patient grades the same, tasks included", async ({
  page,
}) => {
  const base = Date.now();
  /** One clock for the file and the checks: whole seconds, hours before the test started. */
  const ago = (hours: number) => new Date(Math.floor((base - hours * HOUR) / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");
  /** The same instant as the engine writes it. */
  const iso = (hours: number) => new Date(ago(hours)).toISOString();
  await signIn(page, "physician");
  const first = await admitPatient(page, {
    name: `Referral ${Date.now()}`,
    mrn: uniqueMrn("REF"),
    infusedHoursAgo: 30,
    weighedHoursAgo: 29,
  });
  const firstId = first.split("/").pop()!;
  await page.goto(`${first}/import`);
  await upload(page, "referral.json", referralFile(ago));
  await expect(page.getByLabel("Format")).toHaveValue("timeline");
  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText(
    "3 sets, 2 doses, 1 set not taken, 1 weight, 1 observation pause, 1 task acknowledgement; dose 2 (tocilizumab 656 mg,",
  );
  await expect(summary).toContainText("would break TOCI_INTERVAL_UNDER_8H");
  await expect(page.getByTestId("carried-confirmation")).toContainText("Confirmed by Dr Referrer");
  await page.getByLabel("This dose was given despite the limit").check();
  await page.getByLabel("Why it was given (required)").fill("As charted at the referring centre");
  await page.screenshot({ path: screenshotPath("import-referral-preview"), fullPage: true });
  await page.getByRole("button", { name: "Import 9 entries" }).click();
  await expect(page.getByTestId("import-outcome")).toHaveText(
    "Imported 3 sets, 2 doses, 1 set not taken, 1 weight, 1 observation pause and 1 task acknowledgement.",
  );
  await page.screenshot({ path: screenshotPath("import-referral-done"), fullPage: true });

  const course = async (id: string) => {
    const body = (await (await page.request.get(`/api/patients/${id}/timeline`)).json()) as Course;
    return {
      grades: body.graded.observations.map((row) => [row.at, row.grade, row.status]),
      flags: body.graded.medications.map((row) => [row.at, row.flags, row.unconfirmedFlags]),
      timers: body.graded.timers.map((timer) => [timer.kind, timer.status, timer.dueAt]),
      tasks: body.graded.tasks.map((task) => [
        task.kind,
        task.status,
        task.raisedAt,
        task.acknowledgedBy,
        task.acknowledgedAt,
        task.closedAt,
      ]),
    };
  };
  const original = await course(firstId);
  // The referral's answer and confirmation count here as they did there.
  expect(original.tasks).toContainEqual(["ESC_CRS_RISE", "acknowledged", iso(18), "Dr Referrer", iso(17.7), null]);
  expect(original.tasks.find((task) => task[0] === "ESC_OVERRIDE_UNCONFIRMED")).toEqual([
    "ESC_OVERRIDE_UNCONFIRMED",
    "closed",
    iso(15),
    null,
    null,
    iso(14.75),
  ]);
  expect(original.grades.map((row) => row[2])).toContain("refused");

  const file = await (await page.request.get(`/api/patients/${firstId}/exchange-file`)).text();
  const second = await admitPatient(page, {
    name: `Referral copy ${Date.now()}`,
    mrn: uniqueMrn("RCP"),
    infusedHoursAgo: 30,
    // Weighed between the file's two weights (29 h and 28 h ago): its own, not one already on the
    // chart, and before the 82 kg. At 28 h the form's whole minute fell after the file's instant
    // whenever the test crossed a minute since it started: this 70 kg was then the latest weight,
    // and dose 1 broke the weight-based limit.
    weighedHoursAgo: 28.5,
  });
  const secondId = second.split("/").pop()!;
  await page.goto(`${second}/import`);
  await upload(page, "timeline.json", file);
  await expect(page.getByTestId("import-summary")).toContainText(
    "3 sets, 2 doses, 1 set not taken, 2 weights, 1 observation pause, 1 task acknowledgement; dose 2",
  );
  await page.getByLabel("This dose was given despite the limit").check();
  await page.getByLabel("Why it was given (required)").fill("As charted on the first chart");
  await page.getByRole("button", { name: "Import 10 entries" }).click();
  await expect(page.getByTestId("import-outcome")).toBeVisible();
  expect(await course(secondId)).toEqual(await course(firstId));
});
