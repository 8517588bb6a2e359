// The one definition of what the engine needs from a patient record: one select and one mapping
// into the engine's `patient` input. Every place that builds engine input (the timeline, the ward
// board, writes re-grading late entries, the tocilizumab limit check) selects these columns and
// maps them here, so a new patient setting cannot reach one of them and miss another.
import type { TimelineInput } from "@/lib/engine";
import type { GradingSystem } from "@/lib/engine";

export const gradingPatientColumns = {
  id: true,
  weightKg: true,
  gradingSystem: true,
  antipyreticsMaskFever: true,
  tociMinIntervalHours: true,
  obsIntervalMinutes: true,
} as const;

/** The patient's own grading settings (CLINICAL-RULES.md: local protocol decisions), as stored. */
export interface GradingPatient {
  id: string;
  weightKg: number;
  /** Patient.gradingSystem: the values of the engine's GRADING_SYSTEMS (checked on the way in). */
  gradingSystem: string;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: number;
  /** OBS-FREQUENCY: the patient's own observation interval in minutes (a physician's decision), or null. */
  obsIntervalMinutes: number | null;
}

export function patientForEngine(patient: GradingPatient): TimelineInput["patient"] {
  return {
    id: patient.id,
    weightKg: patient.weightKg,
    gradingSystem: patient.gradingSystem as GradingSystem,
    antipyreticsMaskFever: patient.antipyreticsMaskFever,
    tociMinIntervalHours: patient.tociMinIntervalHours,
    obsIntervalMinutes: patient.obsIntervalMinutes,
  };
}
