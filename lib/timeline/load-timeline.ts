// One patient's whole timeline, as the pages and GET /api/patients/[id]/timeline show it: the
// current version of every fact, who charted it and when, and the engine's grading of them at `now`.
// Reads only (no authorization here: the page or route handler asks `clinical:view` first).
import { inReadTurn } from "@/lib/http/read-turns";
import { db } from "@/lib/db";
import { chartedValuesOf, type ChartedValues } from "@/lib/facts/charted-values";
import {
  infusionsInEffect,
  type CarriedInfusions,
  type InfusionsInEffect,
  type TimelineInput,
  type TimelineOutput,
} from "@/lib/engine";
import { gradingPatientColumns } from "@/lib/facts/grading-patient";
import { ENTERED_IN_ERROR, engineInput } from "@/lib/timeline/engine-input";
import {
  currentVersions,
  userNames,
  type DoseVersion,
  type Lineage,
  type ObservationVersion,
  type VasopressorRow,
} from "@/lib/timeline/facts";
import { lateEntryKeys } from "@/lib/timeline/late-entry";
import { confirmationsOf, loadDoseConfirmations, type DoseConfirmations } from "@/lib/facts/dose-confirmations";
import { weightHistory, type MeasuredWeight } from "@/lib/facts/weights";
import { loadFactVersionsCached } from "@/lib/timeline/fact-cache";
import { loadPatientTaskFacts, taskFactsForEngine, type TaskFacts } from "@/lib/timeline/task-facts";
import { keptTimelineAt } from "@/lib/timeline/timeline-grades";

export type FactStatus = "final" | "amended" | "entered_in_error";

export interface ChartedBy {
  id: string;
  displayName: string;
}

/** What every charted fact says about itself: which version, who charted it, when. */
interface FactVersionInfo {
  /** The version id: what amend / entered-in-error act on. */
  id: string;
  lineageId: string;
  version: number;
  status: FactStatus;
  changeReason: string | null;
  /** Bedside time (UTC ISO). */
  effectiveAt: string;
  /** When this version was charted. */
  recordedAt: string;
  recordedBy: ChartedBy;
  /** When and by whom the fact was first charted (version 1). */
  firstRecordedAt: string;
  firstRecordedBy: ChartedBy;
  /** Versions in the chain (1 = never corrected); the history is loadFactHistory(kind, lineageId). */
  versionCount: number;
  /** See lib/timeline/late-entry.ts: charted > 1 h after the bedside time, or behind facts already charted. */
  isLateEntry: boolean;
}

export interface TimelineObservation extends FactVersionInfo, ChartedValues {
  /**
   * Not re-checked here, but infusions charted earlier still count (the engine graded it with
   * them): what, and when they were charted. null otherwise.
   */
  carriedVasopressors: InfusionsCharted | null;
  /** Charted none running while infusions charted earlier still counted: they were stopped here. */
  vasopressorsStopped: boolean;
  /** OBS-STATUS: charted | refused | not_possible; the latter two with their reason and no values. */
  setStatus: string;
  statusReason: string | null;
}

/** Infusions charted as running at one observation (its bedside time). */
export interface InfusionsCharted {
  at: string;
  vasopressors: VasopressorRow[];
}

export interface TimelineDose extends FactVersionInfo {
  drug: string;
  doseMg: number;
  route: string;
  /** The limit flags shown (and confirmed) when this version was charted. */
  flagsAtCharting: string[];
  overrideReason: string | null;
  overrideConfirmedBy: ChartedBy | null;
  /** Flagged, but no physician has confirmed the override yet. */
  awaitingOverrideConfirmation: boolean;
  /** TOCI-CONFIRM: every confirmation of this version (its own first), oldest first. */
  confirmations: { id: string | null; flags: string[]; reason: string | null; at: string; by: ChartedBy }[];
}

export interface TimelinePatient {
  id: string;
  mrn: string;
  name: string;
  birthDate: string;
  sex: string;
  weightKg: number;
  weightMeasuredAt: string;
  bed: string;
  product: string;
  therapy: string;
  infusionAt: string;
  gradingSystem: string;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: number;
  /** NEWS2-SPO2: 1, or 2 for hypercapnic respiratory failure. */
  spo2Scale: number;
  /** OBS-FREQUENCY: the physician's own observation interval in minutes, or null. */
  obsIntervalMinutes: number | null;
  status: string;
  dischargedAt: string | null;
  /** For optimistic concurrency: an edit names the version it was opened at. */
  version: number;
  ward: { id: string; name: string; timeZone: string };
}

export interface PatientTimeline {
  patient: TimelinePatient;
  /** Current versions the engine graded, in bedside-time order. */
  observations: TimelineObservation[];
  doses: TimelineDose[];
  /** Facts whose current version is "entered in error": shown struck through, never graded. */
  enteredInError: { observations: TimelineObservation[]; doses: TimelineDose[] };
  /** TOCI-WEIGHT: the admission weight, then every current charted weight, in measurement order. */
  weights: MeasuredWeight[];
  /** The vasopressors counted as running after the latest observation (charted there or carried), or null. */
  vasopressorsRunning: InfusionsCharted | null;
  engineInput: TimelineInput;
  graded: TimelineOutput;
  /** Every acknowledgement (answers and corrections) and the current version of each pause. */
  taskFacts: TaskFacts;
  now: string;
}

export const timelinePatientColumns = {
  ...gradingPatientColumns,
  mrn: true,
  name: true,
  birthDate: true,
  sex: true,
  weightKg: true,
  weightMeasuredAt: true,
  bed: true,
  product: true,
  therapy: true,
  infusionAt: true,
  status: true,
  dischargedAt: true,
  version: true,
  ward: { select: { id: true, name: true, timeZone: true } },
} as const;

export function toTimelinePatient(row: {
  id: string;
  mrn: string;
  name: string;
  birthDate: string;
  sex: string;
  weightKg: number;
  weightMeasuredAt: Date;
  bed: string;
  product: string;
  therapy: string;
  infusionAt: Date;
  gradingSystem: string;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: number;
  spo2Scale: number;
  obsIntervalMinutes: number | null;
  status: string;
  dischargedAt: Date | null;
  version: number;
  ward: { id: string; name: string; timeZone: string };
  /** The weight history is the timeline's `weights`, not a patient column. */
  weights?: unknown;
}): TimelinePatient {
  const { weights: _history, ...record } = row;
  return {
    ...record,
    weightMeasuredAt: row.weightMeasuredAt.toISOString(),
    infusionAt: row.infusionAt.toISOString(),
    dischargedAt: row.dischargedAt ? row.dischargedAt.toISOString() : null,
    ward: { ...row.ward },
  };
}

const UNKNOWN_USER = "(unknown user)";

function chartedBy(names: Map<string, string>, id: string): ChartedBy {
  return { id, displayName: names.get(id) ?? UNKNOWN_USER };
}

function versionInfo<V extends ObservationVersion | DoseVersion>(
  lineage: Lineage<V>,
  names: Map<string, string>,
  late: Set<string>,
): FactVersionInfo {
  const { current, first } = lineage;
  return {
    id: current.id,
    lineageId: current.lineageId,
    version: current.version,
    status: current.status as FactStatus,
    changeReason: current.changeReason,
    effectiveAt: current.effectiveAt.toISOString(),
    recordedAt: current.recordedAt.toISOString(),
    recordedBy: chartedBy(names, current.recordedById),
    firstRecordedAt: first.recordedAt.toISOString(),
    firstRecordedBy: chartedBy(names, first.recordedById),
    versionCount: lineage.versionCount,
    isLateEntry: late.has(current.lineageId),
  };
}

function charted(infusions: CarriedInfusions): InfusionsCharted {
  return {
    at: infusions.at,
    vasopressors: infusions.vasopressors.map((v) => ({
      agent: v.agent,
      doseMcgKgMin: v.doseMcgKgMin ?? null,
      doseUnitsPerMin: v.doseUnitsPerMin ?? null,
    })),
  };
}

export function toTimelineObservation(
  lineage: Lineage<ObservationVersion>,
  names: Map<string, string>,
  late: Set<string>,
  infusions: Pick<InfusionsInEffect, "carried" | "stopped"> = { carried: new Map(), stopped: new Set() },
): TimelineObservation {
  const row = lineage.current;
  const carriedHere = infusions.carried.get(row.id);
  return {
    ...versionInfo(lineage, names, late),
    ...chartedValuesOf(row),
    carriedVasopressors: carriedHere ? charted(carriedHere) : null,
    vasopressorsStopped: infusions.stopped.has(row.id),
    setStatus: row.setStatus,
    statusReason: row.statusReason,
  };
}

export function splitFlags(flags: string): string[] {
  return flags ? flags.split(",").filter((flag) => flag !== "") : [];
}

export function toTimelineDose(
  lineage: Lineage<DoseVersion>,
  names: Map<string, string>,
  late: Set<string>,
  confirmations: DoseConfirmations = new Map(),
): TimelineDose {
  const row = lineage.current;
  const flags = splitFlags(row.flagsAtCharting);
  return {
    ...versionInfo(lineage, names, late),
    drug: row.drug,
    doseMg: row.doseMg,
    route: row.route,
    flagsAtCharting: flags,
    overrideReason: row.overrideReason,
    overrideConfirmedBy: row.overrideConfirmedById ? chartedBy(names, row.overrideConfirmedById) : null,
    awaitingOverrideConfirmation: flags.length > 0 && row.overrideConfirmedById === null && row.status !== ENTERED_IN_ERROR,
    confirmations: confirmationsOf(row, confirmations).map((confirmation) => ({
      id: confirmation.id,
      flags: confirmation.flags,
      reason: confirmation.reason,
      at: confirmation.at.toISOString(),
      by: chartedBy(names, confirmation.byId),
    })),
  };
}

/** Late entries among the current, not-in-error facts (observations and doses judged together). */
export function lateLineages(
  observations: readonly Lineage<ObservationVersion>[],
  doses: readonly Lineage<DoseVersion>[],
): Set<string> {
  const facts = [...observations, ...doses]
    .filter((lineage) => lineage.current.status !== ENTERED_IN_ERROR)
    .map((lineage) => ({
      key: lineage.current.lineageId,
      effectiveAtMs: lineage.current.effectiveAt.getTime(),
      firstRecordedAtMs: lineage.first.recordedAt.getTime(),
    }));
  return lateEntryKeys(facts);
}

type ChartedRows = Pick<PatientTimeline, "observations" | "doses" | "enteredInError" | "vasopressorsRunning">;

/** Every current fact as the timeline shows it (with who charted it), split into graded and entered in error. */
function chartedRows(
  lineages: { observations: Lineage<ObservationVersion>[]; doses: Lineage<DoseVersion>[] },
  input: TimelineInput,
  names: Map<string, string>,
  confirmations: DoseConfirmations,
): ChartedRows {
  const late = lateLineages(lineages.observations, lineages.doses);
  // Which observations the engine graded with infusions charted earlier (by its own rule and order).
  const infusions = infusionsInEffect(input.observations);
  const observations: TimelineObservation[] = [];
  const observationsInError: TimelineObservation[] = [];
  for (const lineage of lineages.observations) {
    const shown = toTimelineObservation(lineage, names, late, infusions);
    (lineage.current.status === ENTERED_IN_ERROR ? observationsInError : observations).push(shown);
  }
  const doses: TimelineDose[] = [];
  const dosesInError: TimelineDose[] = [];
  for (const lineage of lineages.doses) {
    const shown = toTimelineDose(lineage, names, late, confirmations);
    (lineage.current.status === ENTERED_IN_ERROR ? dosesInError : doses).push(shown);
  }
  return {
    observations,
    doses,
    enteredInError: { observations: observationsInError, doses: dosesInError },
    vasopressorsRunning: infusions.latest ? charted(infusions.latest) : null,
  };
}

/** The patient's timeline at `now`, or null when there is no such patient (one read turn: lib/http/read-turns.ts). */
export function loadPatientTimeline(patientId: string, now: Date): Promise<PatientTimeline | null> {
  return inReadTurn(() => readPatientTimeline(patientId, now));
}

async function readPatientTimeline(patientId: string, now: Date): Promise<PatientTimeline | null> {
  if (typeof patientId !== "string" || patientId === "" || patientId.length > 200) return null;
  const [patient, facts, confirmations, taskFacts] = await Promise.all([
    db.patient.findUnique({ where: { id: patientId }, select: timelinePatientColumns }),
    // The same per-process cache as the ward board (keyed by the patient's fact row counts, read on
    // every call, so a write by any instance is seen): a page refresh does not re-read a long stay.
    loadFactVersionsCached(db, [patientId]).then((byPatient) => byPatient.get(patientId)!),
    loadDoseConfirmations(db, [patientId]),
    loadPatientTaskFacts(db, patientId),
  ]);
  if (!patient) return null;

  // The lineages are needed only when the patient's timeline is graded or its rows built afresh.
  let lineages: { observations: Lineage<ObservationVersion>[]; doses: Lineage<DoseVersion>[] } | undefined;
  const lineagesOf = () =>
    (lineages ??= { observations: currentVersions(facts.observations), doses: currentVersions(facts.doses) });
  // Kept between reads while the facts are unchanged and the grades still hold (timeline-grades.ts).
  const { input, graded, rows } = await keptTimelineAt(
    patient,
    facts,
    confirmations,
    taskFacts,
    now,
    () =>
      engineInput(
        patient,
        lineagesOf().observations.map((l) => l.current),
        lineagesOf().doses.map((l) => l.current),
        now,
        confirmations,
        taskFactsForEngine(taskFacts),
      ),
    {
      userIds: () => [
        ...new Set([
          ...lineagesOf().observations.flatMap((l) => [l.current.recordedById, l.first.recordedById]),
          ...lineagesOf().doses.flatMap((l) => [l.current.recordedById, l.first.recordedById]),
          ...lineagesOf().doses.flatMap((l) => (l.current.overrideConfirmedById ? [l.current.overrideConfirmedById] : [])),
          ...[...confirmations.values()].flat().map((confirmation) => confirmation.byId),
        ]),
      ],
      names: (ids) => userNames(db, ids),
      rows: (input, names) => chartedRows(lineagesOf(), input, names, confirmations),
    },
  );

  return {
    patient: toTimelinePatient(patient),
    weights: weightHistory(patient),
    ...rows,
    engineInput: input,
    graded,
    taskFacts,
    now: now.toISOString(),
  };
}
