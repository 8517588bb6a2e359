// The one definition of a patient's weight history (TOCI-WEIGHT): the admission weight on the
// patient record (weightKg at weightMeasuredAt) is the first measurement, and every weight charted
// since is a versioned fact (PatientWeight). The engine gets the current, not-in-error versions as
// `patient.weights`; each tocilizumab dose is measured against the latest weight at or before it,
// so a new weight never re-flags an earlier dose.

/** The columns of a stored weight version. */
export const weightVersionColumns = {
  id: true,
  lineageId: true,
  version: true,
  supersedesId: true,
  status: true,
  changeReason: true,
  patientId: true,
  measuredAt: true,
  kg: true,
  recordedAt: true,
  recordedById: true,
} as const;

export interface WeightVersion {
  id: string;
  lineageId: string;
  version: number;
  supersedesId: string | null;
  status: string;
  changeReason: string | null;
  patientId: string;
  measuredAt: Date;
  kg: number;
  recordedAt: Date;
  recordedById: string;
}

/** A weight the engine and the pages use: where it comes from, when it was measured, what it was. */
export interface MeasuredWeight {
  /** The weight version id, or null for the admission weight on the patient record. */
  id: string | null;
  at: Date;
  kg: number;
}

const ENTERED_IN_ERROR = "entered_in_error";

/** The current version of each measurement (nothing supersedes it), entered-in-error ones left out. */
export function currentWeightVersions<W extends Pick<WeightVersion, "id" | "supersedesId" | "status">>(rows: readonly W[]): W[] {
  const superseded = new Set(rows.map((row) => row.supersedesId).filter((id): id is string => id !== null));
  return rows.filter((row) => !superseded.has(row.id) && row.status !== ENTERED_IN_ERROR);
}

/**
 * The weight history in measurement order: the admission weight, then every current charted
 * measurement. At one instant the one charted last comes last (the engine takes the last listed).
 */
export function weightHistory(patient: {
  weightKg: number;
  weightMeasuredAt: Date;
  weights: readonly Pick<WeightVersion, "id" | "supersedesId" | "status" | "measuredAt" | "kg" | "recordedAt">[];
}): MeasuredWeight[] {
  const charted = currentWeightVersions(patient.weights)
    .slice()
    .sort((a, b) => a.measuredAt.getTime() - b.measuredAt.getTime() || a.recordedAt.getTime() - b.recordedAt.getTime())
    .map((row) => ({ id: row.id, at: row.measuredAt, kg: row.kg }));
  const admission = { id: null, at: patient.weightMeasuredAt, kg: patient.weightKg };
  return [admission, ...charted].sort((a, b) => a.at.getTime() - b.at.getTime());
}
