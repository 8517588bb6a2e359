// The timeline exchange file (docs/EXCHANGE-FORMAT.md, what `npm run engine` reads) as an upload:
// validated by the engine's own schema, then each observation and medication becomes the charting
// forms' fields. What this import cannot chart yet is refused by name rather than dropped: a refused
// or not-possible set, pauses and acknowledgements. The file's `patient` (its weights and settings
// included) is not imported: the facts are charted on the patient the file is uploaded for, with
// that patient's own weight history and settings.
import {
  codeDrug,
  DRUGS,
  parseTimelineJson,
  type MedicationInput,
  type ObservationInput,
  type TimelineInput,
} from "@/lib/engine";
import type { ImportedDose, ImportedSet, ParsedUpload } from "@/lib/import/items";

export function readTimelineFile(text: string): ParsedUpload {
  const parsed = parseTimelineJson(text);
  if (!parsed.success) return { ok: false, problems: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`) };
  const problems = notChartable(parsed.data);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    items: {
      format: "timeline",
      sets: parsed.data.observations.map(setOf),
      doses: parsed.data.medications.map(doseOf),
    },
  };
}

function notChartable(input: TimelineInput): string[] {
  const problems: string[] = [];
  input.observations.forEach((observation, index) => {
    const status = observation.status ?? "charted";
    if (status !== "charted")
      problems.push(`observations[${index}].status: a ${status.replace("_", " ")} set cannot be imported yet`);
  });
  if ((input.pauses?.length ?? 0) > 0) problems.push("pauses: observation pauses cannot be imported yet");
  if ((input.acknowledgements?.length ?? 0) > 0) problems.push("acknowledgements: task answers cannot be imported yet");
  return problems;
}

function setOf(observation: ObservationInput, index: number): ImportedSet {
  const { id, at, temperatureC, oxygen, vasopressors, status: _status, statusReason: _reason, ...plain } = observation;
  const form: Record<string, unknown> = { effectiveAt: at };
  for (const [name, value] of Object.entries(plain)) if (value != null) form[name] = value;
  if (temperatureC != null) Object.assign(form, { temperature: temperatureC, temperatureUnit: "C" });
  if (oxygen) {
    form.oxygenDevice = oxygen.device;
    if (oxygen.flowLpm != null) form.oxygenFlowLpm = oxygen.flowLpm;
    if (oxygen.fio2 != null) form.fio2 = oxygen.fio2;
  }
  // Reading 8: absent = not re-checked (earlier infusions still count), [] = none running.
  if (vasopressors == null) form.vasopressorStatus = "not_charted";
  else if (vasopressors.length === 0) form.vasopressorStatus = "none";
  else Object.assign(form, { vasopressorStatus: "running", vasopressors });
  return { sourceKey: `observation:${id}`, source: `observations[${index}] "${id}"`, exportedId: id, at, form };
}

function doseOf(medication: MedicationInput, index: number): ImportedDose {
  // DRUG-CODES: a brand or another spelling of a coded drug is charted as its generic, so its limits apply.
  const coded = codeDrug(medication.drug).drug?.id ?? medication.drug;
  const known = (DRUGS as readonly string[]).includes(coded);
  return {
    sourceKey: `medication:${medication.id}`,
    source: `medications[${index}] "${medication.id}"`,
    exportedId: medication.id,
    at: medication.at,
    form: {
      drug: known ? coded : "other",
      ...(known ? {} : { otherDrugName: medication.drug }),
      doseMg: medication.doseMg,
      route: medication.route ?? null,
      effectiveAt: medication.at,
    },
  };
}
