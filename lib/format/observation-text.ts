/** One observation as short text for tables and handoff sheets: values exactly as charted. */
import { OXYGEN_DEVICE_CHOICE_LABELS, type ChartedValues, type OxygenDeviceChoice } from "@/lib/facts/charted-values";
import {
  CEREBRAL_EDEMA_LABELS,
  CONSCIOUSNESS_LABELS,
  SEIZURE_LABELS,
  VASOPRESSOR_AGENT_LABELS,
  type CerebralEdemaKind,
  type ConsciousnessLevel,
  type SeizureKind,
  type VasopressorAgent,
} from "@/lib/engine/vocabulary";
import { acvpuText } from "./acvpu";
import { formatTemperature, type TemperatureUnit } from "./temperature";
import { formatWardDateTime } from "./time";

/** What the vitals and neuro texts read; crsDeath may be absent on older shapes. */
export type ObservationValuesText = Omit<ChartedValues, "vasopressorsCharted" | "note" | "crsDeath"> & { crsDeath?: boolean };

const label = <K extends string>(labels: Readonly<Record<K, string>>, value: string): string =>
  (labels as Record<string, string | undefined>)[value] ?? value;

/** "T 38.6 °C · HR 112 · RR 22 · BP 84/50 · MAP 61 · SpO2 95 %" — only what was charted; temperature in the reader's unit. */
export function vitalsText(o: ObservationValuesText, unit: TemperatureUnit): string {
  return vitalsParts(o, unit).join(" · ") || "–";
}

/** The same, one entry per vital (tables keep each from breaking across lines). */
export function vitalsParts(o: ObservationValuesText, unit: TemperatureUnit): string[] {
  const parts: string[] = [];
  if (o.temperatureC != null) parts.push(`T ${formatTemperature(o.temperatureC, unit)}`);
  if (o.heartRate != null) parts.push(`HR ${o.heartRate}`);
  if (o.respiratoryRate != null) parts.push(`RR ${o.respiratoryRate}`);
  if (o.systolicBP != null || o.diastolicBP != null) parts.push(`BP ${o.systolicBP ?? "–"}/${o.diastolicBP ?? "–"}`);
  if (o.meanArterialPressure != null) parts.push(`MAP ${o.meanArterialPressure}`);
  if (o.spo2 != null) parts.push(`SpO2 ${o.spo2} %`);
  if (o.acvpu != null) parts.push(`ACVPU ${acvpuText(o.acvpu)}`);
  return parts;
}

/** "Nasal cannula 3 L/min", "High-flow nasal cannula 40 L/min FiO2 0.5", "Room air", "Not charted (spot check)". */
export function oxygenText(o: Pick<ObservationValuesText, "oxygenDevice" | "oxygenFlowLpm" | "fio2">): string {
  const parts = [label<OxygenDeviceChoice>(OXYGEN_DEVICE_CHOICE_LABELS, o.oxygenDevice)];
  if (o.oxygenFlowLpm != null) parts.push(`${o.oxygenFlowLpm} L/min`);
  if (o.fio2 != null) parts.push(`FiO2 ${o.fio2}`);
  return parts.join(" ");
}

/** "Norepinephrine 0.08 mcg/kg/min, Vasopressin 0.03 units/min, Dobutamine (inotrope) 5 mcg/kg/min" or "" when none. */
export function vasopressorsText(o: Pick<ObservationValuesText, "vasopressors">): string {
  return o.vasopressors.map((v) => `${label<VasopressorAgent>(VASOPRESSOR_AGENT_LABELS, v.agent)}${doseText(v)}`).join(", ");
}

/** Each dose in its agent's unit; a vasopressin dose charted as mcg/kg/min before units/min is shown as charted, and says so. */
function doseText(v: ObservationValuesText["vasopressors"][number]): string {
  if (v.agent === "vasopressin") {
    if (v.doseUnitsPerMin != null) return ` ${v.doseUnitsPerMin} units/min`;
    return v.doseMcgKgMin != null ? ` ${v.doseMcgKgMin} (charted as mcg/kg/min, before units/min)` : "";
  }
  return v.doseMcgKgMin != null ? ` ${v.doseMcgKgMin} mcg/kg/min` : "";
}

/** What an observation says about vasopressors, and what the engine counted from earlier charting. */
export interface InfusionsAtObservation {
  vasopressorsCharted: boolean;
  vasopressors: ObservationValuesText["vasopressors"];
  /** Not re-checked here; charted as running at `at` and counted (the engine's infusionsInEffect). */
  carriedVasopressors?: { at: string; vasopressors: ObservationValuesText["vasopressors"] } | null;
  /** Charted none running while earlier infusions still counted. */
  vasopressorsStopped?: boolean;
}

/**
 * The infusions of one observation as tables show them: those charted, those carried from an
 * earlier charting (marked, so nobody reads them as re-checked), or a stop. "" when it charted
 * none and nothing was running, or did not re-check and nothing was counted: never "none" for a
 * row where nobody looked.
 */
export function infusionsText(o: InfusionsAtObservation, timeZone: string): string {
  if (o.vasopressorsCharted) {
    if (o.vasopressors.length > 0) return vasopressorsText(o);
    return o.vasopressorsStopped ? "Vasopressors stopped (none running)" : "";
  }
  const carried = o.carriedVasopressors;
  if (!carried) return "";
  return `${vasopressorsText(carried)} (carried from ${formatWardDateTime(carried.at, timeZone)}: not re-checked)`;
}

/**
 * The same for one version in a fact's history, where what that version said is the point:
 * running, none running, or not re-checked.
 */
export function chartedInfusionsText(o: Pick<InfusionsAtObservation, "vasopressorsCharted" | "vasopressors">): string {
  if (!o.vasopressorsCharted) return "vasopressors not re-checked";
  return o.vasopressors.length > 0 ? vasopressorsText(o) : "no vasopressor running";
}

/** "ICE 6/10 · Awakens to voice · ..." or "" when nothing neurological was charted. */
export function neuroText(o: ObservationValuesText): string {
  const parts: string[] = [];
  if (o.iceScore != null) parts.push(`ICE ${o.iceScore}/10`);
  if (o.consciousness) parts.push(label<ConsciousnessLevel>(CONSCIOUSNESS_LABELS, o.consciousness));
  if (o.seizure && o.seizure !== "none") parts.push(label<SeizureKind>(SEIZURE_LABELS, o.seizure));
  if (o.motorWeakness) parts.push("Deep focal motor weakness");
  if (o.cerebralEdema && o.cerebralEdema !== "none") parts.push(label<CerebralEdemaKind>(CEREBRAL_EDEMA_LABELS, o.cerebralEdema));
  if (o.crsDeath) parts.push("Death attributed to CRS");
  return parts.join(" · ");
}
