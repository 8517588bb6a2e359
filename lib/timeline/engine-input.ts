// Stored facts -> the engine's input. The engine sees only the current version of each fact and
// never a fact marked entered in error; its ids are version ids, so a grade always points at the
// exact version a user can amend. The patient's part is lib/facts/grading-patient.ts; the
// observation's plain values come from the charted-values table.
import type { MedicationInput, ObservationInput, Route, TimelineInput, VasopressorAgent } from "@/lib/engine";
import { VASOPRESSOR_DOSE_UNITS } from "@/lib/engine/vocabulary";
import { isChartedDevice, plainValuesForEngine } from "@/lib/facts/charted-values";
import { patientForEngine, type GradingPatient } from "@/lib/facts/grading-patient";
import { confirmationAsOf, confirmationForEngine, confirmationsOf, type DoseConfirmations } from "@/lib/facts/dose-confirmations";
import type { DoseVersion, ObservationVersion } from "@/lib/timeline/facts";

export type { GradingPatient } from "@/lib/facts/grading-patient";

export const ENTERED_IN_ERROR = "entered_in_error";

export function observationForEngine(row: ObservationVersion): ObservationInput {
  // OBS-STATUS: a refused or not-possible set charts no values, only its reason.
  if (row.setStatus === "refused" || row.setStatus === "not_possible") {
    return {
      id: row.id,
      at: row.effectiveAt.toISOString(),
      status: row.setStatus,
      statusReason: row.statusReason ?? "not given",
    };
  }
  // Values were validated against the engine's vocabularies on the way in; the casts restate that.
  return {
    id: row.id,
    at: row.effectiveAt.toISOString(),
    ...plainValuesForEngine(row),
    temperatureC: row.temperatureC,
    // ASTCT-MISSING: a device not charted is sent as no `oxygen` (unknown), never as room air.
    ...(isChartedDevice(row.oxygenDevice)
      ? { oxygen: { device: row.oxygenDevice, flowLpm: row.oxygenFlowLpm, fio2: row.fio2 } }
      : {}),
    // Not re-checked: absent, so the engine counts the infusions charted earlier (none if none).
    vasopressors: row.vasopressorsCharted ? row.vasopressors.map((running) => infusionForEngine(running)) : undefined,
  };
}

const NO_CONFIRMATIONS: DoseConfirmations = new Map();

/**
 * A dose version with its confirmation (TOCI-CONFIRM): the latest at or before `now`, its own
 * (charted by a physician) or a later record.
 */
export function doseForEngine(row: DoseVersion, now: Date, confirmations: DoseConfirmations = NO_CONFIRMATIONS): MedicationInput {
  const latest = confirmationAsOf(confirmationsOf(row, confirmations), now);
  return {
    id: row.id,
    at: row.effectiveAt.toISOString(),
    drug: row.drug,
    doseMg: row.doseMg,
    route: row.route as Route,
    ...confirmationForEngine(latest),
  };
}

/**
 * The engine input from the current, not-in-error versions (callers pass current versions).
 * `tasks`: the acknowledgements and pauses (lib/tasks/task-facts.ts), for reads that show tasks.
 */
export function engineInput(
  patient: GradingPatient,
  observations: readonly ObservationVersion[],
  doses: readonly DoseVersion[],
  now: Date,
  /** Confirmations recorded after charting (lib/facts/dose-confirmations.ts); the doses' own always count. */
  confirmations: DoseConfirmations = NO_CONFIRMATIONS,
  /** Pauses and acknowledgements (lib/timeline/task-facts.ts). */
  tasks?: Pick<TimelineInput, "pauses" | "acknowledgements">,
): TimelineInput {
  return {
    patient: patientForEngine(patient),
    observations: observations.filter((row) => row.status !== ENTERED_IN_ERROR).map(observationForEngine),
    medications: doses.filter((row) => row.status !== ENTERED_IN_ERROR).map((row) => doseForEngine(row, now, confirmations)),
    ...(tasks ?? {}),
    now: now.toISOString(),
  };
}

/**
 * One stored infusion as the engine takes it: each dose in its agent's unit. A vasopressin row
 * charted before units/min holds a dose in mcg/kg/min, which the engine would refuse: it is passed
 * without its dose (a dose never changes the grade) and still shown as charted.
 */
function infusionForEngine(running: { agent: string; doseMcgKgMin: number | null; doseUnitsPerMin: number | null }) {
  const agent = running.agent as VasopressorAgent;
  return VASOPRESSOR_DOSE_UNITS[agent] === "units/min"
    ? { agent, doseUnitsPerMin: running.doseUnitsPerMin }
    : { agent, doseMcgKgMin: running.doseMcgKgMin };
}
