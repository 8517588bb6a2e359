import { CHARTED_FIELD_NAMES, chartedFieldLabel } from "@/lib/facts/charted-values";

/** Field names as the summary of errors reads them ("Temperature: 450 °C is outside 25-45 °C"). */
const LABELS: Record<string, string> = {
  ...Object.fromEntries(CHARTED_FIELD_NAMES.map((name) => [name, chartedFieldLabel(name)])),
  effectiveAt: "Time of observation",
  temperature: "Temperature",
  temperatureUnit: "Temperature unit",
  oxygenDevice: "Oxygen device",
  oxygenFlowLpm: "Oxygen flow",
  fio2: "FiO2",
  vasopressorStatus: "Vasopressors",
  vasopressors: "Vasopressors",
  reason: "Reason for the amendment",
  idempotencyKey: "Form",
};

export function observationFieldLabel(path: string): string {
  const vaso = /^vasopressors\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (vaso) {
    const what = vaso[2] === "doseMcgKgMin" || vaso[2] === "doseUnitsPerMin" ? "dose" : vaso[2] === "agent" ? "drug" : "row";
    return `Infusion ${Number(vaso[1]) + 1} ${what}`;
  }
  return LABELS[path] ?? path;
}
