// The one rule of a replay (CLINICAL-RULES ASOF): what the team saw at a past instant T is the
// facts RECORDED up to T, graded with `now` = T. Recorded time, not bedside time: a late entry
// charted after T about a moment before T did not exist yet at T, nor did an amendment, an
// "entered in error", a confirmation, an acknowledgement, a pause or its resume, or a weight
// charted after T. The patient chart replay and the board replay both read through here, with
// the plain (uncached) fact readers: a replay never reads or fills the live board's fact cache.
import { evaluateTimeline, type TimelineOutput } from "@/lib/engine";
import { loadDoseConfirmations, type DoseConfirmation, type DoseConfirmations } from "@/lib/facts/dose-confirmations";
import type { GradingPatient } from "@/lib/facts/grading-patient";
import type { Tx } from "@/lib/db";
import { engineInput } from "@/lib/timeline/engine-input";
import {
  currentVersions,
  loadFactVersions,
  type DoseVersion,
  type FactReader,
  type ObservationVersion,
} from "@/lib/timeline/facts";
import { loadTaskFacts, taskFactsForEngine, type TaskFactReader, type TaskFacts } from "@/lib/timeline/task-facts";

/** The facts as recorded up to `asOfMs`: versions recorded later do not exist yet. */
export function versionsRecordedBy<
  V extends { id: string; lineageId: string; version: number; supersedesId: string | null; recordedAt: Date },
>(versions: readonly V[], asOfMs: number): V[] {
  return currentVersions(versions.filter((version) => version.recordedAt.getTime() <= asOfMs)).map((lineage) => lineage.current);
}

/** One patient's facts as they stood at the instant (current versions then, entered-in-error ones included). */
export interface RecordedAsOf {
  observations: ObservationVersion[];
  doses: DoseVersion[];
  confirmations: DoseConfirmations;
  taskFacts: TaskFacts;
}

type AsOfReader = FactReader & TaskFactReader & Pick<Tx, "doseConfirmation">;

/** The recorded facts of these patients at `at`, in a fixed number of queries whatever their number. */
export async function loadRecordedAsOf(
  client: AsOfReader,
  patientIds: readonly string[],
  at: Date,
): Promise<Map<string, RecordedAsOf>> {
  const [versions, confirmations, taskFacts] = await Promise.all([
    loadFactVersions(client, patientIds),
    patientIds.length > 0 ? loadDoseConfirmations(client, patientIds) : new Map<string, DoseConfirmation[]>(),
    loadTaskFacts(client, patientIds, { recordedBy: at }),
  ]);
  const atMs = at.getTime();
  const confirmedBy = new Map<string, DoseConfirmation[]>();
  for (const [doseId, list] of confirmations)
    confirmedBy.set(
      doseId,
      list.filter((confirmation) => confirmation.at.getTime() <= atMs),
    );
  const result = new Map<string, RecordedAsOf>();
  for (const id of patientIds) {
    const facts = versions.get(id) ?? { observations: [], doses: [] };
    result.set(id, {
      observations: versionsRecordedBy(facts.observations, atMs),
      doses: versionsRecordedBy(facts.doses, atMs),
      confirmations: confirmedBy,
      taskFacts: taskFacts.get(id) ?? { acknowledgements: [], pauses: [] },
    });
  }
  return result;
}

/** The patient's weights as charted by `at` (the admission weight stays: it is on the record). */
export function withWeightsRecordedBy<P extends GradingPatient>(patient: P, at: Date): P {
  return { ...patient, weights: versionsRecordedBy(patient.weights, at.getTime()) };
}

/** The engine's answer at `at` from what had been recorded by then. */
export function gradeAsOf(patient: GradingPatient, recorded: RecordedAsOf, at: Date): TimelineOutput {
  return evaluateTimeline(
    engineInput(
      withWeightsRecordedBy(patient, at),
      recorded.observations,
      recorded.doses,
      at,
      recorded.confirmations,
      taskFactsForEngine(recorded.taskFacts),
    ),
  );
}
