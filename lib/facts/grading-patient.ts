// The one definition of what the engine needs from a patient record: one select and one mapping
// into the engine's `patient` input. Every place that builds engine input (the timeline, the ward
// board, writes re-grading late entries, the tocilizumab limit check) selects these columns and
// maps them here, so a new patient setting cannot reach one of them and miss another.
import type { TimelineInput } from "@/lib/engine";
import type { GradingSystem } from "@/lib/engine";
import { weightHistory, weightVersionColumns, type WeightVersion } from "@/lib/facts/weights";

/** The patient's grading columns without the weight history (a patient record's own columns). */
export const gradingPatientRecordColumns = {
  id: true,
  weightKg: true,
  weightMeasuredAt: true,
  gradingSystem: true,
  antipyreticsMaskFever: true,
  tociMinIntervalHours: true,
  spo2Scale: true,
  obsIntervalMinutes: true,
} as const;

export const gradingPatientColumns = {
  ...gradingPatientRecordColumns,
  /** TOCI-WEIGHT: every version of every weight charted since admission. */
  weights: { select: weightVersionColumns },
} as const;

/** The patient's own grading settings (CLINICAL-RULES.md: local protocol decisions), as stored. */
export interface GradingPatient {
  id: string;
  /** The admission weight and when it was measured: the first measurement of the history. */
  weightKg: number;
  weightMeasuredAt: Date;
  /** Weights charted since admission, every version (lib/facts/weights.ts). */
  weights: readonly WeightVersion[];
  /** Patient.gradingSystem: the values of the engine's GRADING_SYSTEMS (checked on the way in). */
  gradingSystem: string;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: number;
  /** NEWS2-SPO2: 1, or 2 for hypercapnic respiratory failure (a physician's decision; checked on the way in). */
  spo2Scale: number;
  /** OBS-FREQUENCY: the patient's own observation interval in minutes (a physician's decision), or null. */
  obsIntervalMinutes: number | null;
}

export function patientForEngine(patient: GradingPatient): TimelineInput["patient"] {
  const history = weightHistory(patient);
  return {
    id: patient.id,
    // The single-weight fallback the engine uses only without a history: the latest measured.
    weightKg: history.at(-1)?.kg ?? patient.weightKg,
    weights: history.map((weight) => ({ at: weight.at.toISOString(), kg: weight.kg })),
    gradingSystem: patient.gradingSystem as GradingSystem,
    antipyreticsMaskFever: patient.antipyreticsMaskFever,
    tociMinIntervalHours: patient.tociMinIntervalHours,
    spo2Scale: patient.spo2Scale === 2 ? 2 : 1,
    obsIntervalMinutes: patient.obsIntervalMinutes,
  };
}
