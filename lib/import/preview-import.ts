// What an upload would do to a patient's chart, before anything is stored: how many facts of each
// kind are new (sets, sets not taken, doses, weights, pauses, acknowledgements; and which were
// stored by an earlier import of the same file, or came from this very chart), which would be late
// entries and which sets already charted they would re-grade (ALERT-LATE-ENTRY), and which
// tocilizumab limits each dose would break (TOCI_*, against the file's weights too), asked of the
// engine exactly as the charting forms ask it. Read-only; importFacts checks everything again.
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { doseFormSchema, type DoseFields } from "@/lib/doses/dose-input";
import { checkDoseLimits } from "@/lib/doses/dose-limits";
import { evaluateTimeline, parseInstant, toIsoUtc, type Reason, type TociFlag } from "@/lib/engine";
import { blankChartedValues } from "@/lib/facts/charted-values";
import { weightHistory, type WeightVersion } from "@/lib/facts/weights";
import { formatWardDateTime } from "@/lib/format/time";
import {
  importedAcknowledgementSchema,
  splitOutcome,
  type ImportedAcknowledgementFields,
} from "@/lib/import/import-acknowledgement";
import { carriesConfirmation } from "@/lib/doses/carried-confirmation";
import {
  importSubmissionKey,
  type FileConfirmation,
  type ImportedAcknowledgement,
  type ImportedDose,
  type ImportedMissedSet,
  type ImportedPause,
  type ImportedSet,
  type ImportedWeight,
  type ImportItems,
} from "@/lib/import/items";
import { observationFormSchema, type ObservationFields } from "@/lib/observations/observation-input";
import { currentFacts, valuesFromForm } from "@/lib/observations/observation-versions";
import { missedSetSchema, type MissedSetFields } from "@/lib/observations/record-missed-set";
import { pauseStartSchema, type PauseStartFields } from "@/lib/tasks/pause-input";
import { ENTERED_IN_ERROR, engineInput } from "@/lib/timeline/engine-input";
import type { DoseVersion, ObservationVersion } from "@/lib/timeline/facts";
import { loadPatientTaskFacts } from "@/lib/timeline/task-facts";
import { weightFormSchema, type WeightFields } from "@/lib/weights/weight-input";
import {
  actionSite,
  asId,
  authorizeWrite,
  bedsideTimeRefusal,
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
  /**
   * The confirmation of these flags recorded where the file came from, carried over with its own
   * time and confirmer (a physician importing confirms exactly these flags), else null.
   */
  carriedConfirmation: FileConfirmation | null;
  /** "Confirmed by Dr Referrer at 2 Mar 06:15 where the file came from", on the ward's clock, or null. */
  carriedLabel: string | null;
}

export interface ImportPreview {
  /** New facts of each kind (what importFacts would store). */
  sets: number;
  doses: number;
  missedSets: number;
  weights: number;
  pauses: number;
  acknowledgements: number;
  /** All of them. */
  entries: number;
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
  | { kind: "missedSet"; item: ImportedMissedSet; key: string; fields: MissedSetFields }
  | { kind: "dose"; item: ImportedDose; key: string; fields: DoseFields; check: PreviewedDose }
  | { kind: "weight"; item: ImportedWeight; key: string; fields: WeightFields }
  | { kind: "pause"; item: ImportedPause; key: string; fields: PauseStartFields }
  | { kind: "acknowledgement"; item: ImportedAcknowledgement; key: string; fields: ImportedAcknowledgementFields };

type AnyItem = ImportedSet | ImportedMissedSet | ImportedDose | ImportedWeight | ImportedPause | ImportedAcknowledgement;

export interface ImportPlan {
  patient: ChartingPatient;
  preview: ImportPreview;
  /**
   * The order importFacts writes them: weights first (each dose is checked against the weights
   * measured before it), then sets, doses and pauses in bedside-time order (each dose against the
   * doses before it), acknowledgements last (they name the facts stored before them).
   */
  writes: PlannedWrite[];
  /** Each skipped fact's id in the file -> its id on this chart, when known (for the acknowledgements' task ids). */
  skippedIds: Map<string, string>;
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
  const [facts, taskFacts] = await Promise.all([currentFacts(db, id), loadPatientTaskFacts(db, id)]);

  // Left out: facts an earlier import of this file stored (their key exists), and facts this very
  // chart exported (their version or lineage id is on it; a weight is on it when the same weight
  // was measured at the same instant), so re-importing one's own export adds nothing.
  const onChart = new Set([...facts.observations, ...facts.doses, ...taskFacts.pauses].flatMap((row) => [row.id, row.lineageId]));
  for (const ack of taskFacts.acknowledgements) onChart.add(ack.id);
  const weighed = new Set(weightHistory(patient).map((weight) => weightKey(weight.at.toISOString(), weight.kg)));
  const all: AnyItem[] = [
    ...items.sets,
    ...(items.missedSets ?? []),
    ...items.doses,
    ...(items.weights ?? []),
    ...(items.pauses ?? []),
    ...(items.acknowledgements ?? []),
  ];
  const keys = new Map(all.map((item) => [item.sourceKey, importSubmissionKey(id, items.format, item.sourceKey)]));
  const usedKeys = new Map(
    (await db.submissionKey.findMany({ where: { key: { in: [...keys.values()] } }, select: { key: true, resultId: true } })).map(
      (row) => [row.key, row.resultId],
    ),
  );
  const skipped: ImportPreview["skipped"] = [];
  const skippedIds = new Map<string, string>();
  const isNew = (item: AnyItem): boolean => {
    const resultId = usedKeys.get(keys.get(item.sourceKey)!);
    const isWeight = item.sourceKey.startsWith("weight:");
    const why: SkipReason | null =
      resultId !== undefined
        ? "already_imported"
        : (item.exportedId !== null && onChart.has(item.exportedId)) ||
            (isWeight && weighed.has(weightKey(item.at, (item as ImportedWeight).form.kg)))
          ? "on_this_chart"
          : null;
    if (!why) return true;
    skipped.push({ sourceKey: item.sourceKey, source: item.source, why });
    if (item.exportedId !== null) skippedIds.set(item.exportedId, resultId ?? item.exportedId);
    return false;
  };

  // Every new fact through its form's own schema: every problem of the file at once, each named.
  const problems: FieldError[] = [];
  function validated<Item extends AnyItem, Fields>(
    list: readonly Item[],
    parse: (item: Item, key: string) => { success: true; data: Fields } | { success: false; error: { issues: Issue[] } },
  ): { item: Item; key: string; fields: Fields }[] {
    const valid: { item: Item; key: string; fields: Fields }[] = [];
    for (const item of list.filter(isNew)) {
      const key = keys.get(item.sourceKey)!;
      const parsed = parse(item, key);
      if (parsed.success) valid.push({ item, key, fields: parsed.data });
      else problems.push(...namedIssues(item.source, parsed.error.issues));
    }
    return valid;
  }
  const sets = validated(items.sets, (item, key) => observationFormSchema(now).safeParse({ ...item.form, idempotencyKey: key }));
  const missedSets = validated(items.missedSets ?? [], (item, key) =>
    missedSetSchema(now).safeParse({ ...item.form, idempotencyKey: key }),
  );
  const doses = validated(items.doses, (item, key) =>
    doseFormSchema(now).safeParse({ ...withoutNull(item.form), idempotencyKey: key }),
  );
  const weights = validated(items.weights ?? [], (item, key) =>
    weightFormSchema(now).safeParse({ ...item.form, idempotencyKey: key }),
  );
  const pauses = validated(items.pauses ?? [], (item, key) =>
    pauseStartSchema(now).safeParse({ ...item.form, idempotencyKey: key }),
  );
  const acknowledgements = validated(items.acknowledgements ?? [], (item, key) =>
    importedAcknowledgementSchema(now).safeParse({
      idempotencyKey: key,
      taskId: item.taskId,
      fileTaskId: item.taskId,
      fileAcknowledgementId: item.exportedId,
      at: item.at,
      by: item.by,
      role: item.role,
      ...splitOutcome(item.outcome),
    }),
  );
  // Every time in the bedside window and before any discharge, as each fact's own write checks it
  // (bedsideTimeRefusal): refused here, before anything is stored, never part-way through the import.
  const times: [source: string, at: string, field: string][] = [
    ...sets.map(({ item, fields }) => [item.source, fields.effectiveAt, "effectiveAt"] as [string, string, string]),
    ...missedSets.map(({ item, fields }) => [item.source, fields.effectiveAt, "effectiveAt"] as [string, string, string]),
    ...doses.map(({ item, fields }) => [item.source, fields.effectiveAt, "effectiveAt"] as [string, string, string]),
    ...weights.map(({ item, fields }) => [item.source, fields.measuredAt, "measuredAt"] as [string, string, string]),
    ...pauses.map(({ item, fields }) => [item.source, fields.from, "from"] as [string, string, string]),
    ...acknowledgements.map(({ item }) => [item.source, item.at, "at"] as [string, string, string]),
  ];
  for (const [source, at, field] of times) {
    const refusal = bedsideTimeRefusal(patient, at, now, field);
    for (const problem of refusal?.fieldErrors ?? [])
      problems.push({ path: `${source}.${problem.path}`, message: problem.message });
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

  // The chart as it would be: the file's weights measured, its sets charted, then each dose.
  const weighedPatient: ChartingPatient = {
    ...patient,
    weights: [
      ...patient.weights,
      ...weights.map(({ fields }, index) => simulatedWeight(id, `~import-weight-${index}`, fields, now)),
    ],
  };
  const newRows = [
    ...sets.map(({ fields }, index) => simulatedSet(id, `~import-set-${index}`, fields, now)),
    ...missedSets.map(({ fields }, index) => simulatedMissedSet(id, `~import-missed-${index}`, fields, now)),
  ];
  const before = evaluateTimeline(engineInput(patient, facts.observations, facts.doses, now));
  const doseRows: DoseVersion[] = [];
  const dosesChecked: PreviewedDose[] = [];
  const byTime = [...doses].sort((a, b) => parseInstant(a.fields.effectiveAt) - parseInstant(b.fields.effectiveAt));
  for (const [index, { item, fields }] of byTime.entries()) {
    // Each dose against the doses charted and the file's doses before it: the order importFacts writes them.
    const check = checkDoseLimits(weighedPatient, [...facts.doses, ...doseRows], fields, now);
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
      ...carried(carriesConfirmation(access.user, check.flags, item.confirmation, now) ? item.confirmation : null, patient),
    });
    doseRows.push(simulatedDose(id, `~import-dose-${index}`, fields, now));
  }
  const after = evaluateTimeline(
    engineInput(weighedPatient, [...facts.observations, ...newRows], [...facts.doses, ...doseRows], now),
  );
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

  const counts = {
    sets: sets.length,
    doses: doses.length,
    missedSets: missedSets.length,
    weights: weights.length,
    pauses: pauses.length,
    acknowledgements: acknowledgements.length,
  };
  const preview: ImportPreview = {
    ...counts,
    entries: Object.values(counts).reduce((sum, count) => sum + count, 0),
    skipped,
    lateEntries,
    regraded,
    dosesChecked,
    summary: summaryOf(counts, lateEntries, regraded.length, dosesChecked, skipped.length),
  };
  const checks = new Map(dosesChecked.map((check) => [check.sourceKey, check]));
  const atOf = (write: PlannedWrite): number =>
    parseInstant(
      write.kind === "pause"
        ? write.fields.from
        : write.kind === "weight"
          ? write.fields.measuredAt
          : write.kind === "acknowledgement"
            ? write.fields.at
            : write.fields.effectiveAt,
    );
  const inTimeOrder = (list: PlannedWrite[]) => list.sort((a, b) => atOf(a) - atOf(b));
  const writes: PlannedWrite[] = [
    ...inTimeOrder(weights.map((weight) => ({ kind: "weight" as const, ...weight }))),
    ...inTimeOrder([
      ...sets.map((set) => ({ kind: "set" as const, ...set })),
      ...missedSets.map((set) => ({ kind: "missedSet" as const, ...set })),
      ...byTime.map((dose) => ({ kind: "dose" as const, ...dose, check: checks.get(dose.item.sourceKey)! })),
      ...pauses.map((pause) => ({ kind: "pause" as const, ...pause })),
    ]),
    ...inTimeOrder(acknowledgements.map((ack) => ({ kind: "acknowledgement" as const, ...ack }))),
  ];
  return succeeded({ patient, preview, writes, skippedIds });
}

type Issue = { path: PropertyKey[]; message: string };

function carried(
  confirmation: FileConfirmation | null,
  patient: ChartingPatient,
): Pick<PreviewedDose, "carriedConfirmation" | "carriedLabel"> {
  if (!confirmation) return { carriedConfirmation: null, carriedLabel: null };
  const when = formatWardDateTime(confirmation.at, patient.ward.timeZone);
  return {
    carriedConfirmation: confirmation,
    carriedLabel: `Confirmed by ${confirmation.by} at ${when} where the file came from`,
  };
}

/** A weight is its instant and value (the file gives weights no id). */
function weightKey(at: string, kg: number): string {
  return `${toIsoUtc(parseInstant(at))}:${kg}`;
}

/** "3 sets, 2 doses, 1 set not taken, 2 weights, 1 pause, 1 acknowledgement": sets and doses always, the others when there are any. */
function kindsOf(
  counts: Omit<ImportPreview, "entries" | "skipped" | "lateEntries" | "regraded" | "dosesChecked" | "summary">,
): string {
  const parts = [plural(counts.sets, "set"), plural(counts.doses, "dose")];
  if (counts.missedSets > 0) parts.push(plural(counts.missedSets, "set not taken", "sets not taken"));
  if (counts.weights > 0) parts.push(plural(counts.weights, "weight"));
  if (counts.pauses > 0) parts.push(plural(counts.pauses, "observation pause"));
  if (counts.acknowledgements > 0) parts.push(plural(counts.acknowledgements, "task acknowledgement"));
  return parts.join(", ");
}

function summaryOf(
  counts: Parameters<typeof kindsOf>[0],
  late: number,
  regraded: number,
  checked: readonly PreviewedDose[],
  skipped: number,
): string {
  const parts = [kindsOf(counts)];
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

function simulatedMissedSet(patientId: string, id: string, fields: MissedSetFields, now: Date): ObservationVersion {
  return {
    id,
    lineageId: id,
    version: 1,
    supersedesId: null,
    status: "final",
    setStatus: fields.setStatus,
    statusReason: fields.statusReason,
    changeReason: null,
    patientId,
    effectiveAt: new Date(fields.effectiveAt),
    recordedAt: now,
    recordedById: "",
    ...blankChartedValues(),
  };
}

function simulatedWeight(patientId: string, id: string, fields: WeightFields, now: Date): WeightVersion {
  return {
    id,
    lineageId: id,
    version: 1,
    supersedesId: null,
    status: "final",
    changeReason: null,
    patientId,
    measuredAt: new Date(fields.measuredAt),
    kg: fields.kg,
    recordedAt: now,
    recordedById: "",
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
