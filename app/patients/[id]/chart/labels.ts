/** Field names as the summary of errors reads them ("Temperature: 450 °C is outside 25-45 °C"). */
const LABELS: Record<string, string> = {
  effectiveAt: "Time of observation",
  temperature: "Temperature",
  temperatureUnit: "Temperature unit",
  heartRate: "Heart rate",
  respiratoryRate: "Respiratory rate",
  systolicBP: "Systolic BP",
  diastolicBP: "Diastolic BP",
  meanArterialPressure: "Mean arterial pressure",
  spo2: "SpO2",
  acvpu: "Consciousness (ACVPU)",
  oxygenDevice: "Oxygen device",
  oxygenFlowLpm: "Oxygen flow",
  fio2: "FiO2",
  vasopressorStatus: "Vasopressors",
  vasopressors: "Vasopressors",
  iceScore: "ICE score",
  consciousness: "Level of consciousness",
  seizure: "Seizure",
  motorWeakness: "Motor weakness",
  cerebralEdema: "Raised ICP / cerebral edema",
  crsDeath: "Death attributed to CRS",
  note: "Note",
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
