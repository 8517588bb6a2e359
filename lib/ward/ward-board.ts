// The ward board: every active patient's grade, clocks and due observations at `now`, sickest
// first (CLINICAL-RULES.md section 8). Every row is derived from stored facts by the engine, re-derived
// only when they change or `now` passes what the last derivation holds for (lib/ward/board-grades.ts).
import { db } from "@/lib/db";
import { inReadTurn } from "@/lib/http/read-turns";
import {
  type Alert,
  type CrsGrade,
  type IcansGrade,
  type News2Summary,
  type Recommendation,
  type Task,
  type Timer,
  type TimerKind,
  type TimerStatus,
  type TimelineOutput,
  type TocilizumabSummary,
} from "@/lib/engine";
import { dayAfterInfusion } from "@/lib/format/time";
import { factVersionOf, loadFactVersionsCountedCached, type FactCounts } from "@/lib/timeline/fact-cache";
import { activePatients } from "@/lib/facts/patient-set";
import { loadActiveBoardPatients, type BoardPatient } from "@/lib/ward/board-patients";
import { loadDoseConfirmations } from "@/lib/facts/dose-confirmations";
import { loadTaskFacts, type PauseVersion } from "@/lib/timeline/task-facts";
import { unconfirmedDoses, type UnconfirmedDose } from "@/lib/timeline/unconfirmed-limits";
import { boardGradesAt, keptBoardGrades, type BoardGrades } from "@/lib/ward/board-grades";
import { sortByAcuity, type AcuityFacts } from "@/lib/ward/acuity";
import { noFeverOnBoard, type NoFeverOnBoard } from "@/lib/ward/no-fever";
import { currentPause, tasksOwed, type CurrentPause } from "@/lib/ward/ward-tasks";
import type { PatientSummary } from "@/lib/ward/patient-summary";

export interface ObservationDue {
  kind: Extract<TimerKind, "OBS_DUE" | "ICE_DUE">;
  dueAt: string;
  status: TimerStatus;
}

export interface WardBoardRow {
  patient: PatientSummary;
  timeZone: string;
  /**
   * D+n: calendar days since the infusion day (day 0) in the ward's time zone, so the number
   * changes at the ward's midnight, as clinicians count it (negative before a scheduled infusion).
   */
  dayPlusN: number;
  currentGrade: CrsGrade;
  maxGrade: CrsGrade;
  currentIcansGrade: IcansGrade | null;
  /** NEWS2 of the latest charted set (an incomplete set's score is "at least"), null when none was charted. */
  currentNews2: News2Summary | null;
  /** ALERT-NO-FEVER to show in the row (lib/ward/no-fever.ts), or null. */
  noFever: NoFeverOnBoard | null;
  /** TOCI-CONFIRM: limit flags nobody confirmed yet, and on how many doses. */
  unconfirmedLimits: { flags: number; doses: number };
  episodeStartedAt: string | null;
  /** Open clocks only: running, or overdue and still owed (closed or resolved clocks are history). */
  timers: Timer[];
  tocilizumab: TocilizumabSummary;
  observationsDue: ObservationDue[];
  lastObservationAt: string | null;
  recommendations: Recommendation[];
  alerts: Alert[];
  /** ALERT-UNCONFIRMED-LIMIT: doses whose limit flags wait for a physician (the board shows their count). */
  unconfirmedDoses: UnconfirmedDose[];
  /** ESC (section 8): the patient's late and open tasks, late first (most overdue first). */
  tasks: Task[];
  /** OBS-PAUSE: observations paused at `now`, or null. */
  pause: CurrentPause | null;
}

/** How many of a row's owed tasks are late, and how many still open (section 8: late ones lead the board). */
export function taskCounts(row: Pick<WardBoardRow, "tasks">): { late: number; open: number } {
  const late = row.tasks.filter((task) => task.status === "late").length;
  return { late, open: row.tasks.length - late };
}

export function hasOverdueObservations(row: Pick<WardBoardRow, "observationsDue">): boolean {
  return row.observationsDue.some((due) => due.status === "overdue");
}

/** What decides a row's place on the board (lib/ward/acuity.ts). */
export function acuityFactsOf(row: WardBoardRow): AcuityFacts {
  return {
    bed: row.patient.bed,
    lateTasks: taskCounts(row).late,
    crsGrade: row.currentGrade,
    icansGrade: row.currentIcansGrade,
    news2Band: row.currentNews2?.band ?? null,
    openTasks: taskCounts(row).open,
    observationsOverdue: hasOverdueObservations(row),
  };
}

/**
 * The board at `now`: active patients (of one ward, when given), in acuity order. The same few
 * queries whatever the number of patients, none of them listing the patients' ids. One read turn
 * (lib/http/read-turns.ts).
 */
export function loadWardBoard(now: Date, options: { wardId?: string } = {}): Promise<WardBoardRow[]> {
  return inReadTurn(() => readWardBoard(now, options));
}

async function readWardBoard(now: Date, options: { wardId?: string }): Promise<WardBoardRow[]> {
  const onBoard = activePatients(options.wardId);
  // Everything the engine reads is read on every request, cheaply: the patients with their
  // observation and dose row counts (the fact version), confirmations, acknowledgements and pauses.
  // A patient is re-graded only when its fact version changed or `now` passed the instant its kept
  // grades hold until (lib/ward/board-grades.ts), and only then are its facts read (through
  // lib/timeline/fact-cache.ts).
  const [patients, confirmations, taskFacts] = await Promise.all([
    loadActiveBoardPatients(db, onBoard),
    loadDoseConfirmations(db, onBoard),
    loadTaskFacts(db, onBoard),
  ]);
  const counts = new Map(patients.map((patient) => [patient.id, patient.counted]));
  const owedFactsOf = (id: string) => taskFacts.get(id) ?? { acknowledgements: [], pauses: [] };
  const graded = new Map<string, BoardGrades>();
  const regrade: BoardPatient[] = [];
  for (const patient of patients) {
    const kept = keptBoardGrades(patient, factVersionOf(counts.get(patient.id)!), confirmations, owedFactsOf(patient.id), now);
    if (kept) graded.set(patient.id, kept);
    else regrade.push(patient);
  }
  // A few patients' facts at a time: a cold board (a new process, a ward charted in bulk) held
  // every patient's whole history at once.
  for (const batch of batchesOfVersions(regrade, counts)) {
    const read = await loadFactVersionsCountedCached(
      db,
      batch.map((patient) => patient.id),
    );
    for (const patient of batch) {
      const { facts, counted } = read.get(patient.id)!;
      graded.set(patient.id, boardGradesAt(patient, facts, factVersionOf(counted), confirmations, owedFactsOf(patient.id), now));
    }
  }
  const rows = patients.map((patient) => wardBoardRow(patient, graded.get(patient.id)!, owedFactsOf(patient.id).pauses, now));
  return sortByAcuity(rows, acuityFactsOf);
}

/** Versions read per batch of patients re-graded (a batch holds at least one patient). */
const VERSIONS_PER_BATCH = 10_000;

function batchesOfVersions(patients: readonly BoardPatient[], counts: ReadonlyMap<string, FactCounts>): BoardPatient[][] {
  const batches: BoardPatient[][] = [];
  let rows = Number.POSITIVE_INFINITY;
  for (const patient of patients) {
    const count = counts.get(patient.id)!;
    const size = count.observations + count.doses;
    if (rows + size > VERSIONS_PER_BATCH) {
      batches.push([]);
      rows = 0;
    }
    batches.at(-1)!.push(patient);
    rows += size;
  }
  return batches;
}

/** One board row from the engine's answer at `now` (the live board and the as-of replay, lib/replay/replay-board.ts). */
export function wardBoardRow(
  patient: BoardPatient,
  graded: TimelineOutput,
  pauses: readonly PauseVersion[],
  now: Date,
): WardBoardRow {
  const last = graded.observations[graded.observations.length - 1];
  const unconfirmed = graded.medications.filter((medication) => medication.unconfirmedFlags.length > 0);
  return {
    patient: {
      id: patient.id,
      mrn: patient.mrn,
      name: patient.name,
      bed: patient.bed,
      wardId: patient.wardId,
      product: patient.product,
      therapy: patient.therapy as PatientSummary["therapy"],
      infusionAt: patient.infusionAt.toISOString(),
      weightKg: patient.weightKg,
      status: patient.status as PatientSummary["status"],
    },
    timeZone: patient.ward.timeZone,
    dayPlusN: dayAfterInfusion(patient.infusionAt, now, patient.ward.timeZone),
    currentGrade: graded.currentGrade,
    maxGrade: graded.maxGrade,
    currentIcansGrade: graded.currentIcansGrade,
    currentNews2: graded.currentNews2,
    noFever: noFeverOnBoard(graded, now),
    unconfirmedLimits: {
      flags: unconfirmed.reduce((sum, medication) => sum + medication.unconfirmedFlags.length, 0),
      doses: unconfirmed.length,
    },
    episodeStartedAt: graded.episodeStartedAt,
    timers: graded.timers.filter((timer) => timer.status === "running" || (timer.status === "overdue" && !timer.closedAt)),
    tocilizumab: graded.tocilizumab,
    observationsDue: graded.timers
      .filter((timer): timer is Timer & { kind: ObservationDue["kind"] } => timer.kind === "OBS_DUE" || timer.kind === "ICE_DUE")
      .map((timer) => ({ kind: timer.kind, dueAt: timer.dueAt, status: timer.status })),
    lastObservationAt: last ? last.at : null,
    recommendations: graded.recommendations,
    alerts: graded.alerts,
    unconfirmedDoses: unconfirmedDoses(graded),
    tasks: tasksOwed(graded.tasks),
    pause: currentPause(pauses, now),
  };
}
