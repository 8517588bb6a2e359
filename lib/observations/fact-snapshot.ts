// A patient's facts read before a write's transaction, so that the costly part of a charting
// write (loading the whole history, grading the timeline before and after it for the late-entry
// report, ALERT-LATE-ENTRY) runs without holding the writer. Inside the transaction, after the
// patient's lock, `snapshotHolds` checks that nothing was written for the patient since: facts are
// append-only (a correction is a new row, nothing is ever deleted, triggers refuse it), so the
// same number of observation and dose rows means the same rows; and the patient's grading
// settings and weights must be the same. When it holds, what was graded outside is what grading
// inside would give; when it does not (another write for the patient committed meanwhile), the
// write reads the facts again inside its transaction and grades them there, as before.
// The snapshot reads through the process's fact cache (lib/timeline/fact-cache.ts): the patient's
// rows are read again only when their counts changed, so a write no longer costs a read of the
// whole history. The counts it keeps are those read before the facts: were a row committed between
// the two reads, the transaction counts more than the snapshot and grades inside.
import { db, type Tx } from "@/lib/db";
import { patientForEngine } from "@/lib/facts/grading-patient";
import { currentFacts } from "@/lib/observations/observation-versions";
import { loadPatientFactsCached } from "@/lib/timeline/fact-cache";
import { currentVersions, type DoseVersion, type ObservationVersion } from "@/lib/timeline/facts";
import { loadChartingPatient, type ChartingPatient } from "@/lib/write/charting-write";

/** The current versions of the patient's observations and doses. */
export interface CurrentFacts {
  observations: ObservationVersion[];
  doses: DoseVersion[];
}

export interface FactSnapshot {
  patient: ChartingPatient;
  facts: CurrentFacts;
  /** Rows stored at the read (counted before the facts were read), every version counted. */
  stored: { observations: number; doses: number };
}

/** The patient and their current facts, read with `db` before the transaction; null when there is no such patient. */
export async function readFactSnapshot(patientId: string): Promise<FactSnapshot | null> {
  const [patient, read] = await Promise.all([loadChartingPatient(db, patientId), loadPatientFactsCached(db, patientId)]);
  if (!patient) return null;
  // New arrays (the cached ones are frozen and shared): the writes add their planned row to copies.
  return {
    patient,
    facts: {
      observations: currentVersions(read.facts.observations).map((lineage) => lineage.current),
      doses: currentVersions(read.facts.doses).map((lineage) => lineage.current),
    },
    stored: { observations: read.counted.observations, doses: read.counted.doses },
  };
}

/** Inside the transaction (after the patient's lock): true when the snapshot is still the patient's facts and grading settings. */
export async function snapshotHolds(
  tx: Tx,
  patient: ChartingPatient,
  snapshot: FactSnapshot | null | undefined,
): Promise<boolean> {
  if (!snapshot || snapshot.patient.id !== patient.id) return false;
  if (JSON.stringify(patientForEngine(snapshot.patient)) !== JSON.stringify(patientForEngine(patient))) return false;
  const [observations, doses] = await Promise.all([
    tx.observation.count({ where: { patientId: patient.id } }),
    tx.medicationAdministration.count({ where: { patientId: patient.id } }),
  ]);
  return observations === snapshot.stored.observations && doses === snapshot.stored.doses;
}

/** A grading worked out before the transaction: the snapshot it used, the row it assumed, and its result. */
export interface PreparedGrading<Row, Graded> {
  snapshot: FactSnapshot;
  row: Row;
  graded: Graded;
}

/**
 * Inside the transaction: the prepared grading when the row written is the row it assumed and the
 * snapshot still holds; otherwise `grade` on the facts as the transaction reads them.
 */
export async function gradingInside<Row, Graded>(
  tx: Tx,
  patient: ChartingPatient,
  row: Row,
  prepared: PreparedGrading<Row, Graded> | null | undefined,
  grade: (facts: CurrentFacts) => Graded,
): Promise<Graded> {
  if (prepared && JSON.stringify(prepared.row) === JSON.stringify(row) && (await snapshotHolds(tx, patient, prepared.snapshot))) {
    return prepared.graded;
  }
  return grade(await currentFacts(tx, patient.id));
}
