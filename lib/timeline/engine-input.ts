// Stored facts -> the engine's input. The engine sees only the current version of each fact and
// never a fact marked entered in error; its ids are version ids, so a grade always points at the
// exact version a user can amend.
import type {
  CerebralEdemaKind,
  ConsciousnessLevel,
  MedicationInput,
  ObservationInput,
  OxygenDevice,
  Route,
  SeizureKind,
  TimelineInput,
  VasopressorAgent,
} from "@/lib/engine";
import type { DoseVersion, ObservationVersion } from "@/lib/timeline/facts";

/** The patient's own grading settings (CLINICAL-RULES.md: local protocol decisions). */
export interface GradingPatient {
  id: string;
  weightKg: number;
  antipyreticsMaskFever: boolean;
  tociMinIntervalHours: number;
}

export const ENTERED_IN_ERROR = "entered_in_error";

export function observationForEngine(row: ObservationVersion): ObservationInput {
  // Values were validated against the engine's vocabularies on the way in; the casts restate that.
  return {
    id: row.id,
    at: row.effectiveAt.toISOString(),
    temperatureC: row.temperatureC,
    heartRate: row.heartRate,
    respiratoryRate: row.respiratoryRate,
    systolicBP: row.systolicBP,
    diastolicBP: row.diastolicBP,
    meanArterialPressure: row.meanArterialPressure,
    spo2: row.spo2,
    oxygen: { device: row.oxygenDevice as OxygenDevice, flowLpm: row.oxygenFlowLpm, fio2: row.fio2 },
    // Not re-checked: absent, so the engine counts the infusions charted earlier (none if none).
    vasopressors: row.vasopressorsCharted
      ? row.vasopressors.map((running) => ({ agent: running.agent as VasopressorAgent, doseMcgKgMin: running.doseMcgKgMin }))
      : undefined,
    iceScore: row.iceScore,
    consciousness: row.consciousness as ConsciousnessLevel | null,
    seizure: row.seizure as SeizureKind | null,
    motorWeakness: row.motorWeakness,
    cerebralEdema: row.cerebralEdema as CerebralEdemaKind | null,
    crsDeath: row.crsDeath,
  };
}

export function doseForEngine(row: DoseVersion): MedicationInput {
  return { id: row.id, at: row.effectiveAt.toISOString(), drug: row.drug, doseMg: row.doseMg, route: row.route as Route };
}

/** The engine input from the current, not-in-error versions (callers pass current versions). */
export function engineInput(
  patient: GradingPatient,
  observations: readonly ObservationVersion[],
  doses: readonly DoseVersion[],
  now: Date,
): TimelineInput {
  return {
    patient: {
      id: patient.id,
      weightKg: patient.weightKg,
      antipyreticsMaskFever: patient.antipyreticsMaskFever,
      tociMinIntervalHours: patient.tociMinIntervalHours,
    },
    observations: observations.filter((row) => row.status !== ENTERED_IN_ERROR).map(observationForEngine),
    medications: doses.filter((row) => row.status !== ENTERED_IN_ERROR).map(doseForEngine),
    now: now.toISOString(),
  };
}
