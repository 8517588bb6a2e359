// The dosing audit on real SQLite: filters, whole version chains, flags, confirmations, late
// entries, the ward's calendar days, and the CSV export read back and audited.
import { describe, it, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/authorize";
import {
  dosingAudit,
  parseDosingAuditFilters,
  type DosingAuditFilters,
  LATE_ENTRY_AFTER_MINUTES,
} from "@/lib/dosing-audit/report";
import { exportDosingAudit } from "@/lib/dosing-audit/export";
import { DOSING_AUDIT_COLUMNS } from "@/lib/dosing-audit/csv";
import { parseCsv, parseCsvRecords } from "@/tests/helpers/parse-csv";

const TZ = "Europe/London";
const staff = {} as Record<Role, CurrentUser>;
type Mrn = "A1" | "B2" | "C3";
const patients = {} as Record<Mrn, string>;
type DoseName = "amendedToci" | "lateDex" | "nextDayFix" | "awaiting" | "error" | "winterNight" | "summerNight" | "renamed";
const dose = {} as Record<DoseName, { lineageId: string; ids: string[] }>;

type Version = Partial<{
  drug: string;
  doseMg: number;
  status: string;
  changeReason: string;
  flags: string;
  overrideReason: string;
  confirmedBy: Role;
  recordedBy: Role;
  effectiveAt: string;
  recordedAt: string;
}>;

/** Charts a dose chain as the write paths store it: version n+1 supersedes version n. */
async function chain(name: DoseName, patient: Mrn, versions: Version[]) {
  const lineageId = randomUUID();
  const ids: string[] = [];
  for (const [i, v] of versions.entries()) {
    const id = i === 0 ? lineageId : randomUUID();
    const effectiveAt = new Date(v.effectiveAt ?? "2026-03-10T08:00:00Z");
    await db.medicationAdministration.create({
      data: {
        id,
        lineageId,
        version: i + 1,
        supersedesId: ids[i - 1] ?? null,
        status: v.status ?? "final",
        changeReason: v.changeReason,
        patientId: patients[patient],
        drug: v.drug ?? "tocilizumab",
        doseMg: v.doseMg ?? 560,
        route: "IV",
        effectiveAt,
        recordedAt: new Date(v.recordedAt ?? effectiveAt.getTime() + 10 * 60_000),
        recordedById: staff[v.recordedBy ?? "nurse"].id,
        flagsAtCharting: v.flags ?? "",
        overrideReason: v.overrideReason,
        overrideConfirmedById: v.confirmedBy ? staff[v.confirmedBy].id : null,
      },
    });
    ids.push(id);
  }
  dose[name] = { lineageId, ids };
}

beforeAll(async () => {
  for (const role of ROLES) {
    const row = await db.user.create({ data: { username: `d-${role}`, displayName: `Dr ${role}`, role, passwordHash: "x" } });
    staff[role] = { id: row.id, username: row.username, displayName: row.displayName, role };
  }
  await db.ward.create({ data: { id: "w", name: "Ward", timeZone: TZ } });
  for (const [mrn, name] of [
    ["A1", "Ann Able"],
    ["B2", 'Bob, "Junior" Baker'],
    ["C3", "Cy Corrected"],
  ] as const) {
    const p = await db.patient.create({
      data: {
        mrn,
        name,
        birthDate: "1970-01-01",
        sex: "other",
        weightKg: 70,
        weightMeasuredAt: new Date(),
        wardId: "w",
        bed: "1",
        product: "x",
        therapy: "car_t",
        infusionAt: new Date("2026-03-01T00:00:00Z"),
      },
    });
    patients[mrn] = p.id;
  }
  // A flagged dose charted with an override reason, then amended and confirmed by a physician.
  await chain("amendedToci", "A1", [
    { flags: "TOCI_INTERVAL_UNDER_8H", overrideReason: '=HYPERLINK("http://x") consultant agreed, line 1\nline 2', doseMg: 600 },
    {
      flags: "TOCI_INTERVAL_UNDER_8H",
      overrideReason: "consultant agreed",
      status: "amended",
      changeReason: "dose was 560 mg",
      confirmedBy: "physician",
    },
  ]);
  // Charted three hours after it was given.
  await chain("lateDex", "A1", [
    {
      drug: "dexamethasone",
      doseMg: 10,
      effectiveAt: "2026-03-11T06:00:00Z",
      recordedAt: "2026-03-11T09:00:00Z",
      recordedBy: "pharmacist",
    },
  ]);
  // Corrected the next day: the amendment is not itself a late entry.
  await chain("nextDayFix", "C3", [
    { drug: "dexamethasone", doseMg: 8, effectiveAt: "2026-03-09T06:00:00Z" },
    {
      drug: "dexamethasone",
      doseMg: 10,
      effectiveAt: "2026-03-09T06:00:00Z",
      recordedAt: "2026-03-10T09:00:00Z",
      status: "amended",
      changeReason: "typo",
    },
  ]);
  // Flagged and never confirmed.
  await chain("awaiting", "B2", [
    { flags: "TOCI_MAX_3_PER_24H,TOCI_MAX_4_TOTAL", overrideReason: "refractory", effectiveAt: "2026-03-12T08:00:00Z" },
  ]);
  // Entered in error.
  await chain("error", "B2", [
    { drug: "acetaminophen", doseMg: 1000 },
    { drug: "acetaminophen", doseMg: 1000, status: "entered_in_error", changeReason: "wrong patient" },
  ]);
  // Late evening UTC in winter (same ward day) and in summer (next ward day, BST).
  await chain("winterNight", "B2", [{ drug: "ibuprofen", doseMg: 400, effectiveAt: "2026-02-01T23:30:00Z" }]);
  await chain("summerNight", "B2", [{ drug: "ibuprofen", doseMg: 400, effectiveAt: "2026-06-01T23:30:00Z" }]);
  // Amended from one drug to another: a filter on either name finds the whole dose.
  await chain("renamed", "A1", [
    { drug: "siltuximab", doseMg: 770 },
    { drug: "anakinra", doseMg: 100, status: "amended", changeReason: "wrong drug picked" },
  ]);
});

function filters(params: Record<string, string>): DosingAuditFilters {
  const parsed = parseDosingAuditFilters(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filters;
}
const names = async (params: Record<string, string>) =>
  (await dosingAudit(filters(params), { timeZone: TZ })).doses
    .map((d) => Object.entries(dose).find(([, v]) => v.lineageId === d.lineageId)![0])
    .sort();

describe("dosing audit filters", () => {
  it("treats blank fields as 'any', lower-cases the drug and reads flagged as on/off", () => {
    expect(parseDosingAuditFilters({ patient: "", drug: " Tocilizumab ", from: "", flagged: "on" })).toEqual({
      ok: true,
      filters: { drug: "tocilizumab", flagged: true },
    });
    expect(parseDosingAuditFilters(new URLSearchParams("flagged=0&other=ignored"))).toEqual({
      ok: true,
      filters: { flagged: false },
    });
    expect(parseDosingAuditFilters({ drug: ["dexamethasone", "x"] })).toMatchObject({
      ok: true,
      filters: { drug: "dexamethasone" },
    });
  });

  it.each([
    [{ from: "01/03/2026" }, "from", /YYYY-MM-DD/],
    [{ to: "2026-02-30" }, "to", /not a real calendar date/],
    [{ from: "2026-03-10", to: "2026-03-01" }, "to", /on or after the from date/],
    [{ flagged: "maybe" }, "flagged", /on or off/],
    [{ drug: "x".repeat(101) }, "drug", /at most 100/],
  ])("refuses %j naming the field", (params, path, message) => {
    const parsed = parseDosingAuditFilters(params);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.find((e) => e.path === path)?.message).toMatch(message);
  });
});

describe("dosingAudit", () => {
  it("lists every dose with every version, oldest version first, most recently given dose first", async () => {
    const { doses, total } = await dosingAudit(filters({}), { timeZone: TZ });
    expect(total).toBe(8);
    const amended = doses.find((d) => d.lineageId === dose.amendedToci.lineageId)!;
    expect(amended.versions.map((v) => [v.id, v.version, v.status, v.current])).toEqual([
      [dose.amendedToci.ids[0], 1, "final", false],
      [dose.amendedToci.ids[1], 2, "amended", true],
    ]);
    expect(amended.patient).toMatchObject({ mrn: "A1", name: "Ann Able" });
    expect(amended.versions[1]).toMatchObject({
      flags: ["TOCI_INTERVAL_UNDER_8H"],
      overrideReason: "consultant agreed",
      changeReason: "dose was 560 mg",
      confirmedBy: { displayName: "Dr physician", role: "physician" },
      awaitingConfirmation: false,
      recordedBy: { role: "nurse" },
    });
    // The superseded version is kept as charted, unconfirmed, but nothing is owed on it any more.
    expect(amended.versions[0]).toMatchObject({ doseMg: 600, confirmedBy: null, awaitingConfirmation: false });
    const given = doses.map((d) => d.versions.at(-1)!.effectiveAt.getTime());
    expect(given).toEqual([...given].sort((a, b) => b - a));
    expect(doses[0]?.lineageId).toBe(dose.summerNight.lineageId);
  });

  it("marks a flagged, unconfirmed current dose as awaiting physician confirmation, but not one entered in error", async () => {
    const { doses } = await dosingAudit(filters({}), { timeZone: TZ });
    const awaiting = doses.find((d) => d.lineageId === dose.awaiting.lineageId)!.versions[0];
    expect(awaiting).toMatchObject({
      flags: ["TOCI_MAX_3_PER_24H", "TOCI_MAX_4_TOTAL"],
      awaitingConfirmation: true,
      confirmedBy: null,
    });
    const error = doses.find((d) => d.lineageId === dose.error.lineageId)!;
    expect(error.versions.map((v) => [v.status, v.awaitingConfirmation])).toEqual([
      ["final", false],
      ["entered_in_error", false],
    ]);
  });

  it(`marks a dose recorded more than ${LATE_ENTRY_AFTER_MINUTES} minutes after it was given as a late entry`, async () => {
    const { doses } = await dosingAudit(filters({}), { timeZone: TZ });
    const late = doses.filter((d) => d.versions.some((v) => v.lateEntry)).map((d) => d.lineageId);
    expect(late).toEqual([dose.lateDex.lineageId]);
    // Judged by when the dose first entered the chart: the next-day correction is not late.
    expect(doses.find((d) => d.lineageId === dose.nextDayFix.lineageId)!.versions.map((v) => v.lateEntry)).toEqual([
      false,
      false,
    ]);
  });

  it("filters by patient, drug and flags", async () => {
    expect(await names({ patient: patients.A1 })).toEqual(["amendedToci", "lateDex", "renamed"]);
    expect(await names({ drug: "TOCILIZUMAB" })).toEqual(["amendedToci", "awaiting"]);
    expect(await names({ flagged: "1" })).toEqual(["amendedToci", "awaiting"]);
    expect(await names({ patient: patients.B2, flagged: "1" })).toEqual(["awaiting"]);
    expect(await names({ patient: "no-such-patient" })).toEqual([]);
  });

  it("finds an amended dose by what it was and what it became, with its whole chain", async () => {
    expect(await names({ drug: "siltuximab" })).toEqual(["renamed"]);
    expect(await names({ drug: "anakinra" })).toEqual(["renamed"]);
    const { doses } = await dosingAudit(filters({ drug: "siltuximab" }), { timeZone: TZ });
    expect(doses[0]?.versions.map((v) => v.drug)).toEqual(["siltuximab", "anakinra"]);
  });

  it("reads the date range as whole days on the ward's calendar (British Summer Time included)", async () => {
    expect(await names({ from: "2026-02-01", to: "2026-02-01" })).toEqual(["winterNight"]);
    expect(await names({ from: "2026-06-01", to: "2026-06-01" })).toEqual([]);
    expect(await names({ from: "2026-06-02", to: "2026-06-02" })).toEqual(["summerNight"]);
    expect(await names({ from: "2026-03-11" })).toEqual(["awaiting", "lateDex", "summerNight"]);
    expect(await names({ to: "2026-03-10" })).toEqual(["amendedToci", "error", "nextDayFix", "renamed", "winterNight"]);
  });

  it("limits the page to the most recent doses but reports the total", async () => {
    const { doses, total } = await dosingAudit(filters({}), { timeZone: TZ, limit: 2 });
    expect(doses.map((d) => d.lineageId)).toEqual([dose.summerNight.lineageId, dose.awaiting.lineageId]);
    expect(total).toBe(8);
  });
});

describe("exportDosingAudit", () => {
  it("returns one CSV row per version, readable back, after auditing the export with its filters and row count", async () => {
    const result = await exportDosingAudit(staff.auditor, { patient: patients.A1 });
    if (!result.ok) throw new Error(result.message);
    const [header] = parseCsv(result.value.csv);
    expect(header).toEqual([...DOSING_AUDIT_COLUMNS]);
    const records = parseCsvRecords(result.value.csv);
    expect(records).toHaveLength(5);
    expect(result.value.rows).toBe(5);

    const first = records.find((r) => r.version_id === dose.amendedToci.ids[0])!;
    expect(first).toMatchObject({
      dose_id: dose.amendedToci.lineageId,
      version: "1",
      current: "no",
      status: "final",
      patient_mrn: "A1",
      drug: "tocilizumab",
      dose_mg: "600",
      flags_at_charting: "TOCI_INTERVAL_UNDER_8H",
      recorded_by: "Dr nurse",
      recorded_by_role: "nurse",
      given_at_utc: "2026-03-10T08:00:00.000Z",
      given_at_ward: "2026-03-10 08:00",
      late_entry: "no",
      confirmed_by: "",
    });
    // Free text survives commas, quotes and line breaks, and cannot become a spreadsheet formula.
    expect(first.override_reason).toBe('\'=HYPERLINK("http://x") consultant agreed, line 1\nline 2');
    const second = records.find((r) => r.version_id === dose.amendedToci.ids[1])!;
    expect(second).toMatchObject({
      version: "2",
      current: "yes",
      status: "amended",
      confirmed_by: "Dr physician",
      change_reason: "dose was 560 mg",
    });
    expect(records.find((r) => r.dose_id === dose.lateDex.lineageId)).toMatchObject({
      late_entry: "yes",
      recorded_by_role: "pharmacist",
      recorded_at_ward: "2026-03-11 09:00",
    });

    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "export.dosing_audit", entityId: result.value.exportId },
    });
    expect(event).toMatchObject({ actorId: staff.auditor.id, role: "auditor", entityType: "export" });
    expect(JSON.parse(event.after!)).toEqual({ filters: { patient: patients.A1 }, rows: 5, doses: 3, timeZone: TZ });
  });

  it("names a patient with a comma and quotes correctly and marks the unconfirmed dose", async () => {
    const result = await exportDosingAudit(staff.pharmacist, new URLSearchParams({ flagged: "1", patient: patients.B2 }));
    if (!result.ok) throw new Error(result.message);
    const records = parseCsvRecords(result.value.csv);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      patient_name: 'Bob, "Junior" Baker',
      confirmed_by: "awaiting physician confirmation",
      flags_at_charting: "TOCI_MAX_3_PER_24H TOCI_MAX_4_TOTAL",
    });
  });

  it("exports the whole audit (every version of every dose) with no filters", async () => {
    const result = await exportDosingAudit(staff.physician, {});
    if (!result.ok) throw new Error(result.message);
    expect(parseCsvRecords(result.value.csv)).toHaveLength(12);
  });

  it.each([
    ["nurse", "forbidden"],
    ["admin", "forbidden"],
    ["nobody", "unauthenticated"],
  ] as const)("refuses %s (%s) and audits the refusal, not an export", async (who, kind) => {
    const user = who === "nobody" ? null : staff[who];
    const exports = await db.auditEvent.count({ where: { action: "export.dosing_audit" } });
    const result = await exportDosingAudit(user, {});
    expect(result).toMatchObject({ ok: false, kind });
    expect(await db.auditEvent.count({ where: { action: "export.dosing_audit" } })).toBe(exports);
    const denial = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.denied", actorId: user?.id ?? null },
      orderBy: { at: "desc" },
    });
    expect(JSON.parse(denial.after!)).toMatchObject({ permission: "dosing-audit:view" });
  });

  it("refuses bad filters with 400 naming the field, and exports nothing", async () => {
    const exports = await db.auditEvent.count({ where: { action: "export.dosing_audit" } });
    const result = await exportDosingAudit(staff.auditor, { from: "yesterday" });
    expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: [{ path: "from" }] });
    expect(await db.auditEvent.count({ where: { action: "export.dosing_audit" } })).toBe(exports);
  });
});
