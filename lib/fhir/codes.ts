// The codes CRS Watch speaks in FHIR R4, one definition for export and import. Vital signs use
// LOINC and UCUM as the FHIR vital-signs profile asks; NEWS2 uses the SNOMED CT codes of the Royal
// College of Physicians NEWS2 total and parameter scores (as the NHS Wales emergency-department
// FHIR guide codes them). What has no standard code (the CRS and ICANS grades, the ICE score, the
// ICANS findings, vasopressor infusions, oxygen device, drug and route as the engine names them) is
// coded in CRS Watch's own CodeSystem, which every Bundle carries so a reader knows it is local.
import type { CodeSystem, CodeableConcept, Coding, Quantity } from "@medplum/fhirtypes";
import type { News2Parameter } from "@/lib/engine/news2";

export const LOINC = "http://loinc.org";
export const UCUM = "http://unitsofmeasure.org";
export const SNOMED = "http://snomed.info/sct";
export const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
/** CRS Watch's own CodeSystem (see CRS_WATCH_CODE_SYSTEM below). */
export const CRS_WATCH_CODES = "http://crs-watch.local/fhir/CodeSystem/crs-watch";
/** Identifier systems: the fact's lineage id (the same in every version), the patient's MRN. */
export const IDENTIFIER_SYSTEMS = {
  observation: "http://crs-watch.local/fhir/identifier/observation",
  dose: "http://crs-watch.local/fhir/identifier/dose",
  mrn: "http://crs-watch.local/fhir/identifier/mrn",
} as const;

export const coding = (system: string, code: string, display?: string): Coding => ({
  system,
  code,
  ...(display ? { display } : {}),
});
export const concept = (codings: Coding[], text?: string): CodeableConcept => ({ coding: codings, ...(text ? { text } : {}) });
export const quantity = (value: number, unit: string, code: string): Quantity => ({ value, unit, system: UCUM, code });
export const category = (code: "vital-signs" | "exam" | "survey", display: string): CodeableConcept[] => [
  concept([coding(OBSERVATION_CATEGORY, code, display)]),
];

/**
 * A set not taken (OBS-STATUS): one Observation coded as the vital signs panel with no value, its
 * dataAbsentReason saying why (refused: asked-declined; not possible: not-performed) and the
 * nurse's reason in `note`. Never a value nobody measured.
 */
export const SET_NOT_TAKEN = {
  panel: coding(LOINC, "85353-1", "Vital signs, weight, height, head circumference, oxygen saturation and BMI panel"),
  absentSystem: "http://terminology.hl7.org/CodeSystem/data-absent-reason",
  byStatus: { refused: "asked-declined", not_possible: "not-performed" },
} as const;

/** A vital sign charted as one quantity: its LOINC code(s) and UCUM unit. */
export interface QuantityVital {
  field: "temperatureC" | "heartRate" | "respiratoryRate" | "spo2";
  part: string;
  codes: Coding[];
  unit: { code: string; text: string };
}

export const QUANTITY_VITALS: readonly QuantityVital[] = [
  {
    field: "temperatureC",
    part: "temperature",
    codes: [coding(LOINC, "8310-5", "Body temperature")],
    unit: { code: "Cel", text: "°C" },
  },
  {
    field: "heartRate",
    part: "heart-rate",
    codes: [coding(LOINC, "8867-4", "Heart rate")],
    unit: { code: "/min", text: "beats/min" },
  },
  {
    field: "respiratoryRate",
    part: "respiratory-rate",
    codes: [coding(LOINC, "9279-1", "Respiratory rate")],
    unit: { code: "/min", text: "breaths/min" },
  },
  {
    field: "spo2",
    part: "spo2",
    codes: [
      coding(LOINC, "2708-6", "Oxygen saturation in Arterial blood"),
      coding(LOINC, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
    ],
    unit: { code: "%", text: "%" },
  },
];

export const BLOOD_PRESSURE = {
  panel: coding(LOINC, "85354-9", "Blood pressure panel with all children optional"),
  systolicBP: coding(LOINC, "8480-6", "Systolic blood pressure"),
  diastolicBP: coding(LOINC, "8462-4", "Diastolic blood pressure"),
  meanArterialPressure: coding(LOINC, "8478-0", "Mean blood pressure"),
  unit: { code: "mm[Hg]", text: "mmHg" },
} as const;

export const OXYGEN = {
  support: coding(CRS_WATCH_CODES, "oxygen-support", "Oxygen support (device, flow, FiO2)"),
  device: coding(CRS_WATCH_CODES, "oxygen-device", "Oxygen delivery device"),
  flow: coding(LOINC, "3151-8", "Inhaled oxygen flow rate"),
  flowUnit: { code: "L/min", text: "L/min" },
  /** FiO2 as a percentage (the app charts the fraction: 0.32 is 32 %). */
  concentration: coding(LOINC, "3150-0", "Inhaled oxygen concentration"),
} as const;

/** The neurological findings and outcome, coded locally: no standard code says what ASTCT means by them. */
export const LOCAL_FINDINGS = {
  iceScore: coding(CRS_WATCH_CODES, "ice-score", "ICE score (Immune effector Cell-associated Encephalopathy, 0-10)"),
  consciousness: coding(CRS_WATCH_CODES, "consciousness", "Level of consciousness (ICANS)"),
  seizure: coding(CRS_WATCH_CODES, "seizure", "Seizure (ICANS)"),
  motorWeakness: coding(CRS_WATCH_CODES, "motor-weakness", "Deep focal motor weakness (ICANS)"),
  cerebralEdema: coding(CRS_WATCH_CODES, "cerebral-edema", "Raised intracranial pressure / cerebral edema (ICANS)"),
  crsDeath: coding(CRS_WATCH_CODES, "crs-death", "Death attributed to CRS"),
} as const;
export type LocalFinding = keyof typeof LOCAL_FINDINGS;

export const VASOPRESSORS = {
  code: coding(CRS_WATCH_CODES, "vasopressors", "Vasopressor infusions running"),
  running: coding(CRS_WATCH_CODES, "running", "Running"),
  none: coding(CRS_WATCH_CODES, "none-running", "None running"),
  /** mcg/kg/min in UCUM. */
  unit: { code: "ug/kg/min", text: "mcg/kg/min" },
  agent: (agent: string) => coding(CRS_WATCH_CODES, `vasopressor-${agent}`),
} as const;

export const GRADES = {
  crs: coding(CRS_WATCH_CODES, "crs-grade", "CRS grade (ASTCT 2019 consensus)"),
  icans: coding(CRS_WATCH_CODES, "icans-grade", "ICANS grade (ASTCT 2019 consensus)"),
} as const;

/** The value codes of local vocabularies ("consciousness|awakens_to_voice"). */
export const localValue = (vocabulary: string, value: string, display?: string) =>
  coding(CRS_WATCH_CODES, `${vocabulary}|${value}`, display);

export const DRUG_CODE = (drug: string) => coding(CRS_WATCH_CODES, `drug|${drug}`);
export const ROUTE_CODE = (route: string) => coding(CRS_WATCH_CODES, `route|${route}`);

export const NEWS2 = {
  total: coding(SNOMED, "1104051000000101", "Royal College of Physicians NEWS2 (National Early Warning Score 2) total score"),
  unit: { code: "{ScoreOf}", text: "ScoreOf" },
} as const;

/** Each NEWS2 parameter score's SNOMED CT code (SpO2 on scale 2 has its own local code: it is another chart). */
export const NEWS2_PARAMETER_CODES: Readonly<Record<News2Parameter, Coding>> = {
  respiratoryRate: coding(SNOMED, "1104301000000104", "Royal College of Physicians NEWS2 - respiration rate score"),
  spo2: coding(SNOMED, "1104311000000102", "Royal College of Physicians NEWS2 - oxygen saturation scale 1 score"),
  oxygen: coding(SNOMED, "1104331000000105", "Royal College of Physicians NEWS2 - air or oxygen score"),
  systolicBP: coding(SNOMED, "1104341000000101", "Royal College of Physicians NEWS2 - systolic blood pressure score"),
  heartRate: coding(SNOMED, "1104351000000103", "Royal College of Physicians NEWS2 - pulse score"),
  consciousness: coding(SNOMED, "1104361000000100", "Royal College of Physicians NEWS2 - consciousness score"),
  temperatureC: coding(SNOMED, "1104371000000107", "Royal College of Physicians NEWS2 - temperature score"),
};

/** The SpO2 score on scale 2 (hypercapnic respiratory failure): another chart, so CRS Watch's own code, never scale 1's. */
export const NEWS2_SPO2_SCALE_2 = coding(CRS_WATCH_CODES, "news2-spo2-scale-2", "NEWS2 oxygen saturation scale 2 score");

/** Carried in every Bundle: says which codes are CRS Watch's own and what they mean. */
export const CRS_WATCH_CODE_SYSTEM: CodeSystem = {
  resourceType: "CodeSystem",
  id: "crs-watch",
  url: CRS_WATCH_CODES,
  name: "CrsWatchCodes",
  title: "CRS Watch local codes",
  status: "active",
  content: "fragment",
  description:
    "CRS Watch's own codes, for what has no standard code: the CRS and ICANS grades (ASTCT 2019 consensus, as graded by the CRS Watch engine with the reasons and rule IDs in Observation.note), the ICE score and ICANS findings, vasopressor infusions, the oxygen device, and drugs and routes as the engine names them (value codes are 'vocabulary|value', e.g. 'drug|tocilizumab'). Not a standard terminology.",
  concept: [
    GRADES.crs,
    GRADES.icans,
    NEWS2_SPO2_SCALE_2,
    OXYGEN.support,
    OXYGEN.device,
    VASOPRESSORS.code,
    ...Object.values(LOCAL_FINDINGS),
  ].map((entry) => ({ code: entry.code!, display: entry.display })),
};

/** True when a coding is this one (same system and code). */
export const isCoding = (candidate: Coding | undefined, wanted: Coding): boolean =>
  candidate?.system === wanted.system && candidate?.code === wanted.code;
