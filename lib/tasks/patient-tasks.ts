// One patient's tasks as the engine derives them at `now`, from the facts a write transaction (or a
// page read) sees: charted facts, acknowledgements and pauses.
import { loadDoseConfirmations } from "@/lib/facts/dose-confirmations";
import { evaluateTimeline, type TimelineOutput } from "@/lib/engine";
import type { Tx } from "@/lib/db";
import { engineInput } from "@/lib/timeline/engine-input";
import { currentVersions, loadPatientFactVersions } from "@/lib/timeline/facts";
import { loadPatientTaskFacts, taskFactsForEngine, type TaskFacts } from "@/lib/timeline/task-facts";
import type { ChartingPatient } from "@/lib/write/charting-write";

export async function evaluatePatientTasks(
  tx: Pick<
    Tx,
    | "observation"
    | "vasopressorInfusion"
    | "medicationAdministration"
    | "user"
    | "acknowledgement"
    | "observationPause"
    | "doseConfirmation"
  >,
  patient: ChartingPatient,
  now: Date,
): Promise<{ graded: TimelineOutput; taskFacts: TaskFacts }> {
  const [facts, taskFacts, confirmations] = await Promise.all([
    loadPatientFactVersions(tx, patient.id),
    loadPatientTaskFacts(tx, patient.id),
    loadDoseConfirmations(tx, [patient.id]),
  ]);
  const observations = currentVersions(facts.observations).map((lineage) => lineage.current);
  const doses = currentVersions(facts.doses).map((lineage) => lineage.current);
  const graded = evaluateTimeline(engineInput(patient, observations, doses, now, confirmations, taskFactsForEngine(taskFacts)));
  return { graded, taskFacts };
}
