// The timeline exchange file (docs/EXCHANGE-FORMAT.md, what `npm run engine` reads) as an upload:
// validated by the engine's own schema, then every fact kind the engine reads becomes its charting
// form's fields: charted sets, refused or not-possible sets (OBS-STATUS), doses with the
// confirmation the file carries (TOCI-CONFIRM), the weight history (TOCI-WEIGHT), observation
// pauses (OBS-PAUSE) and task acknowledgements (ESC-ACK). The rest of the file's `patient` (its
// single weight and its settings) is not imported: the facts are charted on the patient the file is
// uploaded for, with that patient's own admission weight and settings.
import {
  codeDrug,
  DRUGS,
  parseInstant,
  parseTimelineJson,
  toIsoUtc,
  type AcknowledgementInput,
  type MedicationInput,
  type ObservationInput,
  type PauseInput,
} from "@/lib/engine";
import type {
  ImportedAcknowledgement,
  ImportedDose,
  ImportedMissedSet,
  ImportedPause,
  ImportedSet,
  ImportedWeight,
  ParsedUpload,
} from "@/lib/import/items";

export function readTimelineFile(text: string): ParsedUpload {
  const parsed = parseTimelineJson(text);
  if (!parsed.success) return { ok: false, problems: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`) };
  const input = parsed.data;
  const sets: ImportedSet[] = [];
  const missedSets: ImportedMissedSet[] = [];
  input.observations.forEach((observation, index) => {
    const status = observation.status ?? "charted";
    if (status === "charted") sets.push(setOf(observation, index));
    else missedSets.push(missedSetOf(observation, status, index));
  });
  return {
    ok: true,
    items: {
      format: "timeline",
      sets,
      missedSets,
      doses: input.medications.map(doseOf),
      weights: weightsOf(input.patient.weights ?? []),
      pauses: (input.pauses ?? []).map(pauseOf),
      acknowledgements: (input.acknowledgements ?? []).map(acknowledgementOf),
    },
  };
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

/** OBS-STATUS: a set not taken charts only its status and reason (the form refuses values and a missing reason). */
function missedSetOf(observation: ObservationInput, status: string, index: number): ImportedMissedSet {
  return {
    sourceKey: `observation:${observation.id}`,
    source: `observations[${index}] "${observation.id}"`,
    exportedId: observation.id,
    at: observation.at,
    form: { effectiveAt: observation.at, setStatus: status, statusReason: observation.statusReason ?? "" },
  };
}

function doseOf(medication: MedicationInput, index: number): ImportedDose {
  // DRUG-CODES: a brand or another spelling of a coded drug is charted as its generic, so its limits
  // apply; a name the dose form charts as it is (paracetamol) stays as charted.
  const asCharted = (DRUGS as readonly string[]).includes(medication.drug);
  const coded = asCharted ? medication.drug : (codeDrug(medication.drug).drug?.id ?? medication.drug);
  const known = (DRUGS as readonly string[]).includes(coded);
  const confirmed = medication.confirmedFlags ?? [];
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
    // A confirmation without its time cannot say when the flags stopped being unconfirmed: not carried.
    confirmation:
      confirmed.length > 0 && medication.confirmedAt
        ? { flags: [...confirmed], at: medication.confirmedAt, by: medication.confirmedBy ?? "not named in the file" }
        : null,
  };
}

/**
 * TOCI-WEIGHT: a weight has no id in the file; it is its instant and value, so the same measurement
 * listed twice is one weight, and a re-upload finds it by the same key.
 */
function weightsOf(weights: readonly { at: string; kg: number }[]): ImportedWeight[] {
  const seen = new Set<string>();
  const items: ImportedWeight[] = [];
  weights.forEach((weight, index) => {
    const at = toIsoUtc(parseInstant(weight.at));
    const sourceKey = `weight:${at}:${weight.kg}`;
    if (seen.has(sourceKey)) return;
    seen.add(sourceKey);
    items.push({
      sourceKey,
      source: `patient.weights[${index}]`,
      exportedId: null,
      at,
      form: { measuredAt: at, kg: weight.kg },
    });
  });
  return items;
}

function pauseOf(pause: PauseInput, index: number): ImportedPause {
  return {
    sourceKey: `pause:${pause.id}`,
    source: `pauses[${index}] "${pause.id}"`,
    exportedId: pause.id,
    at: pause.from,
    form: { from: pause.from, ...(pause.until ? { until: pause.until } : {}), reason: pause.reason },
  };
}

function acknowledgementOf(ack: AcknowledgementInput, index: number): ImportedAcknowledgement {
  return {
    sourceKey: `acknowledgement:${ack.id}`,
    source: `acknowledgements[${index}] "${ack.id}"`,
    exportedId: ack.id,
    at: ack.at,
    taskId: ack.taskId,
    by: ack.by,
    role: ack.role,
    outcome: ack.outcome,
  };
}
