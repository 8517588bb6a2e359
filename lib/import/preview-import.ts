// What an upload would do to a patient's chart, before anything is stored: how many sets and doses
// are new (and which were stored by an earlier import of the same file, or came from this very
// chart), which would be late entries and which sets already charted they would re-grade
// (ALERT-LATE-ENTRY), and which tocilizumab limits each dose would break (TOCI_*), asked of the
// engine exactly as the charting forms ask it. Read-only; importFacts checks everything again.
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { doseFormSchema, type DoseFields } from "@/lib/doses/dose-input";
import { checkDoseLimits } from "@/lib/doses/dose-limits";
import { evaluateTimeline, parseInstant, type Reason, type TociFlag } from "@/lib/engine";
import { formatWardDateTime } from "@/lib/format/time";
import { importSubmissionKey, type ImportedDose, type ImportedSet, type ImportItems } from "@/lib/import/items";
import { observationFormSchema, type ObservationFields } from "@/lib/observations/observation-input";
import { currentFacts, valuesFromForm } from "@/lib/observations/observation-versions";
import { ENTERED_IN_ERROR, engineInput } from "@/lib/timeline/engine-input";
import type { DoseVersion, ObservationVersion } from "@/lib/timeline/facts";
import {
  actionSite,
  asId,
  authorizeWrite,
  lateEntryChanges,
  loadChartingPatient,
  noSuchPatient,
  type ChartingPatient,
  type LateEntryChange,
} from "@/lib/write/charting-write";
import { failed, succeeded, type FieldError, type WriteResult } from "@/lib/write-result";

/** Why an item is left out: stored by an earlier import of this file, or exported from this chart. */
export type SkipReason = "already_imported" | "on_this_chart";

export interface PreviewedDose {
  sourceKey: string;
  /** 1 = the first dose of the file in bedside-time order. */
  ordinal: number;
  drug: string;
  doseMg: number;
  at: string;
  /** The TOCI_* flags the dose would carry: each needs a confirmation and a reason, as for a charted dose. */
  flags: TociFlag[];
  reasons: Reason[];
  /** Which tocilizumab dose it would be (1 = first), null for other drugs. */
  doseNumber: number | null;
  /** "dose 2 (tocilizumab 800 mg, 2 Mar 06:00)". */
  label: string;
}

export interface ImportPreview {
  sets: number;
  doses: number;
  skipped: { sourceKey: string; source: string; why: SkipReason }[];
  /** New facts slotted in behind what is already charted (their bedside time is before the latest one). */
  lateEntries: number;
  /** Sets already charted whose CRS grade the import would change. */
  regraded: LateEntryChange[];
  dosesChecked: PreviewedDose[];
  /** "12 sets, 2 doses; 3 would be late entries that re-grade 5 earlier sets; dose 2 (…) would break TOCI_MAX_3_PER_24H". */
  summary: string;
}

/** A new fact, validated by its form's schema, ready to be written (or simulated). */
export type PlannedWrite =
  | { kind: "set"; item: ImportedSet; key: string; fields: ObservationFields }
  | { kind: "dose"; item: ImportedDose; key: string; fields: DoseFields; check: PreviewedDose };

export interface ImportPlan {
  patient: ChartingPatient;
  preview: ImportPreview;
  /** In bedside-time order: the order importFacts writes them, so each dose is checked against the doses before it. */
  writes: PlannedWrite[];
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Preview an upload for patient `patientId`. Permission `observation:chart` (nurses and physicians). */
export async function previewImport(
  user: CurrentUser | null,
  patientId: unknown,
  items: ImportItems,
  now: Date = new Date(),
): Promise<WriteResult<ImportPreview>> {
  const plan = await planImport(user, patientId, items, now);
  return plan.ok ? succeeded(plan.value.preview) : plan;
}

export async function planImport(
  user: CurrentUser | null,
  patientId: unknown,
  items: ImportItems,
  now: Date,
): Promise<WriteResult<ImportPlan>> {
  const access = await authorizeWrite(user, "observation:chart", actionSite("importFacts", patientId));
  if (access.failure) return access.failure;
  const id = asId(patientId);
  if (!id) return noSuchPatient();
  const patient = await loadChartingPatient(db, id);
  if (!patient) return noSuchPatient();
  const facts = await currentFacts(db, id);

  // Left out: facts an earlier import of this file stored (their key exists), and facts this very
  // chart exported (their version or lineage id is on it), so re-importing one's own export adds nothing.
  const onChart = new Set([...facts.observations, ...facts.doses].flatMap((row) => [row.id, row.lineageId]));
  const all = [...items.sets, ...items.doses];
  const keys = new Map(all.map((item) => [item.sourceKey, importSubmissionKey(id, items.format, item.sourceKey)]));
  const used = new Set(
    (await db.submissionKey.findMany({ where: { key: { in: [...keys.values()] } }, select: { key: true } })).map(
      (row) => row.key,
    ),
  );
  const skipped: ImportPreview["skipped"] = [];
  const isNew = (item: ImportedSet | ImportedDose): boolean => {
    const why: SkipReason | null = used.has(keys.get(item.sourceKey)!)
      ? "already_imported"
      : item.exportedId !== null && onChart.has(item.exportedId)
        ? "on_this_chart"
        : null;
    if (why) skipped.push({ sourceKey: item.sourceKey, source: item.source, why });
    return why === null;
  };

  // Every new fact through its form's own schema: every problem of the file at once, each named.
  const problems: FieldError[] = [];
  const sets: { item: ImportedSet; key: string; fields: ObservationFields }[] = [];
  for (const item of items.sets.filter(isNew)) {
    const key = keys.get(item.sourceKey)!;
    const parsed = observationFormSchema(now).safeParse({ ...item.form, idempotencyKey: key });
    if (parsed.success) sets.push({ item, key, fields: parsed.data });
    else problems.push(...namedIssues(item.source, parsed.error.issues));
  }
  const doses: { item: ImportedDose; key: string; fields: DoseFields }[] = [];
  for (const item of items.doses.filter(isNew)) {
    const key = keys.get(item.sourceKey)!;
    const parsed = doseFormSchema(now).safeParse({ ...withoutNull(item.form), idempotencyKey: key });
    if (parsed.success) doses.push({ item, key, fields: parsed.data });
    else problems.push(...namedIssues(item.source, parsed.error.issues));
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    return failed(
      "invalid",
      problems.length === 1 ? `${first.path}: ${first.message}` : `${problems.length} problems in the file`,
      {
        fieldErrors: problems,
      },
    );
  }

  const newRows = sets.map(({ fields }, index) => simulatedSet(id, `~import-set-${index}`, fields, now));
  const before = evaluateTimeline(engineInput(patient, facts.observations, facts.doses, now));
  const doseRows: DoseVersion[] = [];
  const dosesChecked: PreviewedDose[] = [];
  const byTime = [...doses].sort((a, b) => parseInstant(a.fields.effectiveAt) - parseInstant(b.fields.effectiveAt));
  for (const [index, { item, fields }] of byTime.entries()) {
    // Each dose against the doses charted and the file's doses before it: the order importFacts writes them.
    const check = checkDoseLimits(patient, [...facts.doses, ...doseRows], fields, now);
    const label = `dose ${index + 1} (${fields.drug} ${fields.doseMg} mg, ${formatWardDateTime(fields.effectiveAt, patient.ward.timeZone)})`;
    dosesChecked.push({
      sourceKey: item.sourceKey,
      ordinal: index + 1,
      drug: fields.drug,
      doseMg: fields.doseMg,
      at: fields.effectiveAt,
      flags: check.flags,
      reasons: check.reasons,
      doseNumber: check.doseNumber,
      label,
    });
    doseRows.push(simulatedDose(id, `~import-dose-${index}`, fields, now));
  }
  const after = evaluateTimeline(engineInput(patient, [...facts.observations, ...newRows], [...facts.doses, ...doseRows], now));
  const regraded = lateEntryChanges(
    before,
    after,
    newRows.map((row) => row.id),
  );

  const latestCharted = Math.max(
    Number.NEGATIVE_INFINITY,
    ...[...facts.observations, ...facts.doses]
      .filter((row) => row.status !== ENTERED_IN_ERROR)
      .map((row) => row.effectiveAt.getTime()),
  );
  const lateEntries = [...newRows, ...doseRows].filter((row) => row.effectiveAt.getTime() < latestCharted).length;

  const preview: ImportPreview = {
    sets: sets.length,
    doses: doses.length,
    skipped,
    lateEntries,
    regraded,
    dosesChecked,
    summary: summaryOf(sets.length, doses.length, lateEntries, regraded.length, dosesChecked, skipped.length),
  };
  const checks = new Map(dosesChecked.map((check) => [check.sourceKey, check]));
  const writes: PlannedWrite[] = [
    ...sets.map((set) => ({ kind: "set" as const, ...set })),
    ...byTime.map((dose) => ({ kind: "dose" as const, ...dose, check: checks.get(dose.item.sourceKey)! })),
  ].sort((a, b) => parseInstant(a.fields.effectiveAt) - parseInstant(b.fields.effectiveAt));
  return succeeded({ patient, preview, writes });
}

function summaryOf(
  sets: number,
  doses: number,
  late: number,
  regraded: number,
  checked: readonly PreviewedDose[],
  skipped: number,
): string {
  const parts = [`${plural(sets, "set")}, ${plural(doses, "dose")}`];
  const regrades = regraded > 0 ? ` that re-grade${late === 1 ? "s" : ""} ${plural(regraded, "earlier set")}` : "";
  if (late > 0) parts.push(`${late === 1 ? "1 would be a late entry" : `${late} would be late entries`}${regrades}`);
  else if (regraded > 0) parts.push(`they re-grade ${plural(regraded, "earlier set")}`);
  for (const dose of checked) if (dose.flags.length > 0) parts.push(`${dose.label} would break ${dose.flags.join(", ")}`);
  if (skipped > 0) parts.push(`${plural(skipped, "entry", "entries")} already on the chart (not stored again)`);
  return parts.join("; ");
}

/** Each schema issue, named by the resource it came from. */
function namedIssues(source: string, issues: readonly { path: PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.length > 0 ? `${source}.${issue.path.map(String).join(".")}` : source,
    message: issue.message,
  }));
}

/** The dose form takes no null: a route not given is absent (and refused as required). */
function withoutNull(form: ImportedDose["form"]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(form).filter(([, value]) => value !== null));
}

function simulatedSet(patientId: string, id: string, fields: ObservationFields, now: Date): ObservationVersion {
  return {
    id,
    lineageId: id,
    version: 1,
    supersedesId: null,
    status: "final",
    setStatus: "charted",
    statusReason: null,
    changeReason: null,
    patientId,
    effectiveAt: new Date(fields.effectiveAt),
    recordedAt: now,
    recordedById: "",
    ...valuesFromForm(fields),
  };
}

function simulatedDose(patientId: string, id: string, fields: DoseFields, now: Date): DoseVersion {
  return {
    id,
    lineageId: id,
    version: 1,
    supersedesId: null,
    status: "final",
    changeReason: null,
    patientId,
    drug: fields.drug,
    doseMg: fields.doseMg,
    route: fields.route,
    effectiveAt: new Date(fields.effectiveAt),
    recordedAt: now,
    recordedById: "",
    flagsAtCharting: "",
    overrideReason: null,
    overrideConfirmedById: null,
  };
}
