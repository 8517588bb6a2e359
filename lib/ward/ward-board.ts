// The ward board: every active patient's grade, clocks and due observations at `now`, sickest
// and most overdue first. Every row is derived from stored facts by the engine on each read.
import { db } from "@/lib/db";
import {
  evaluateTimeline,
  type Alert,
  type CrsGrade,
  type IcansGrade,
  type Recommendation,
  type Task,
  type Timer,
  type TimerKind,
  type TimerStatus,
  type TocilizumabSummary,
} from "@/lib/engine";
import { dayAfterInfusion } from "@/lib/format/time";
import { gradingPatientColumns } from "@/lib/facts/grading-patient";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, loadFactVersions } from "@/lib/timeline/facts";
import { loadTaskFacts, taskFactsForEngine } from "@/lib/timeline/task-facts";
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
  episodeStartedAt: string | null;
  /** Open clocks only: running, or overdue and still owed (closed or resolved clocks are history). */
  timers: Timer[];
  tocilizumab: TocilizumabSummary;
  observationsDue: ObservationDue[];
  lastObservationAt: string | null;
  recommendations: Recommendation[];
  alerts: Alert[];
  /** ESC (section 8): the patient's late and open tasks, late first (most overdue first). */
  tasks: Task[];
  /** OBS-PAUSE: observations paused at `now`, or null. */
  pause: CurrentPause | null;
}

const ESCALATION_RANK: Partial<Record<TimerKind, number>> = {
  GRADE2_NO_IMPROVEMENT_24H: 2,
  GRADE1_PROLONGED_24H: 1,
};

/** 2: a grade-2 escalation is owed; 1: a grade-1 one; 0: none. */
export function overdueEscalation(row: Pick<WardBoardRow, "timers">): number {
  let rank = 0;
  for (const timer of row.timers) {
    if (timer.status === "overdue" && !timer.closedAt) rank = Math.max(rank, ESCALATION_RANK[timer.kind] ?? 0);
  }
  return rank;
}

export function hasOverdueObservations(row: Pick<WardBoardRow, "observationsDue">): boolean {
  return row.observationsDue.some((due) => due.status === "overdue");
}

const bedOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export type WardBoardSortable = Pick<WardBoardRow, "timers" | "currentGrade" | "observationsDue"> & {
  patient: Pick<PatientSummary, "bed">;
};

/**
 * Acuity order: an owed escalation first (grade 2 before grade 1), then the current grade
 * (highest first), then overdue observations, then bed (4A-2 before 4A-10).
 */
export function compareWardRows(a: WardBoardSortable, b: WardBoardSortable): number {
  return (
    overdueEscalation(b) - overdueEscalation(a) ||
    b.currentGrade - a.currentGrade ||
    Number(hasOverdueObservations(b)) - Number(hasOverdueObservations(a)) ||
    bedOrder.compare(a.patient.bed, b.patient.bed)
  );
}

export function sortWardBoard<R extends WardBoardSortable>(rows: readonly R[]): R[] {
  return [...rows].sort(compareWardRows);
}

/** The board at `now`: active patients (of one ward, when given), in acuity order. Five queries in all. */
export async function loadWardBoard(now: Date, options: { wardId?: string } = {}): Promise<WardBoardRow[]> {
  const patients = await db.patient.findMany({
    where: { status: "active", ...(options.wardId ? { wardId: options.wardId } : {}) },
    select: {
      ...gradingPatientColumns,
      mrn: true,
      name: true,
      bed: true,
      wardId: true,
      product: true,
      therapy: true,
      infusionAt: true,
      status: true,
      ward: { select: { timeZone: true } },
    },
  });
  const ids = patients.map((patient) => patient.id);
  const [facts, taskFacts] = await Promise.all([loadFactVersions(db, ids), loadTaskFacts(db, ids)]);
  const rows = patients.map((patient): WardBoardRow => {
    const versions = facts.get(patient.id)!;
    const observations = currentVersions(versions.observations).map((lineage) => lineage.current);
    const doses = currentVersions(versions.doses).map((lineage) => lineage.current);
    const owedFacts = taskFacts.get(patient.id) ?? { acknowledgements: [], pauses: [] };
    const graded = evaluateTimeline(engineInput(patient, observations, doses, now, taskFactsForEngine(owedFacts)));
    const last = graded.observations[graded.observations.length - 1];
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
      episodeStartedAt: graded.episodeStartedAt,
      timers: graded.timers.filter((timer) => timer.status === "running" || (timer.status === "overdue" && !timer.closedAt)),
      tocilizumab: graded.tocilizumab,
      observationsDue: graded.timers
        .filter(
          (timer): timer is Timer & { kind: ObservationDue["kind"] } => timer.kind === "OBS_DUE" || timer.kind === "ICE_DUE",
        )
        .map((timer) => ({ kind: timer.kind, dueAt: timer.dueAt, status: timer.status })),
      lastObservationAt: last ? last.at : null,
      recommendations: graded.recommendations,
      alerts: graded.alerts,
      tasks: tasksOwed(graded.tasks),
      pause: currentPause(owedFacts.pauses, now),
    };
  });
  return sortWardBoard(rows);
}
