/**
 * Charting vocabularies (API values) and the labels shown to clinicians.
 * Values are part of the exchange format (docs/EXCHANGE-FORMAT.md); labels are for forms and reasons.
 */

export const OXYGEN_DEVICES = [
  "room_air",
  "blow_by",
  "nasal_cannula",
  "high_flow_nasal_cannula",
  "simple_face_mask",
  "non_rebreather",
  "venturi_mask",
  "cpap",
  "bipap",
  "mechanical_ventilation",
] as const;
export type OxygenDevice = (typeof OXYGEN_DEVICES)[number];

export const OXYGEN_DEVICE_LABELS: Readonly<Record<OxygenDevice, string>> = {
  room_air: "Room air",
  blow_by: "Blow-by oxygen",
  nasal_cannula: "Nasal cannula",
  high_flow_nasal_cannula: "High-flow nasal cannula",
  simple_face_mask: "Simple face mask",
  non_rebreather: "Non-rebreather mask",
  venturi_mask: "Venturi mask",
  cpap: "CPAP",
  bipap: "BiPAP",
  mechanical_ventilation: "Mechanical ventilation",
};

/** Dobutamine is accepted so it can be charted, but it is an inotrope: never counted as a vasopressor. */
export const VASOPRESSOR_AGENTS = [
  "norepinephrine",
  "epinephrine",
  "phenylephrine",
  "dopamine",
  "vasopressin",
  "dobutamine",
] as const;
export type VasopressorAgent = (typeof VASOPRESSOR_AGENTS)[number];

export const VASOPRESSOR_AGENT_LABELS: Readonly<Record<VasopressorAgent, string>> = {
  norepinephrine: "Norepinephrine",
  epinephrine: "Epinephrine",
  phenylephrine: "Phenylephrine",
  dopamine: "Dopamine",
  vasopressin: "Vasopressin",
  dobutamine: "Dobutamine (inotrope)",
};

/** Rev 2: the unit each agent's dose is charted in, the bedside pump's: vasopressin units/min, the others mcg/kg/min. */
export const VASOPRESSOR_DOSE_UNITS: Readonly<Record<VasopressorAgent, "mcg/kg/min" | "units/min">> = {
  norepinephrine: "mcg/kg/min",
  epinephrine: "mcg/kg/min",
  phenylephrine: "mcg/kg/min",
  dopamine: "mcg/kg/min",
  vasopressin: "units/min",
  dobutamine: "mcg/kg/min",
};

export const CONSCIOUSNESS_LEVELS = [
  "awake",
  "awakens_spontaneously",
  "awakens_to_voice",
  "awakens_to_tactile",
  "unarousable",
] as const;
export type ConsciousnessLevel = (typeof CONSCIOUSNESS_LEVELS)[number];

export const CONSCIOUSNESS_LABELS: Readonly<Record<ConsciousnessLevel, string>> = {
  awake: "Awake",
  awakens_spontaneously: "Awakens spontaneously",
  awakens_to_voice: "Awakens to voice",
  awakens_to_tactile: "Awakens only to tactile stimulus",
  unarousable: "Unarousable, stupor or coma",
};

export const SEIZURE_KINDS = ["none", "resolved_rapidly", "prolonged_or_repetitive"] as const;
export type SeizureKind = (typeof SEIZURE_KINDS)[number];

export const SEIZURE_LABELS: Readonly<Record<SeizureKind, string>> = {
  none: "No seizure",
  resolved_rapidly: "Seizure resolving rapidly, or non-convulsive seizures on EEG resolving with intervention",
  prolonged_or_repetitive: "Prolonged seizure (> 5 min) or repetitive seizures without return to baseline",
};

export const CEREBRAL_EDEMA_KINDS = ["none", "focal", "diffuse"] as const;
export type CerebralEdemaKind = (typeof CEREBRAL_EDEMA_KINDS)[number];

export const CEREBRAL_EDEMA_LABELS: Readonly<Record<CerebralEdemaKind, string>> = {
  none: "No raised intracranial pressure or cerebral edema",
  focal: "Focal or local edema on imaging",
  diffuse: "Diffuse cerebral edema, decerebrate or decorticate posturing, cranial nerve VI palsy, papilledema or Cushing's triad",
};

/** Drugs the engine knows by name. Any other lower-case generic name is accepted and charted, with no effect on grading. */
export const DRUGS = [
  "tocilizumab",
  "siltuximab",
  "anakinra",
  "dexamethasone",
  "methylprednisolone",
  "hydrocortisone",
  "betamethasone",
  "prednisolone",
  "prednisone",
  "ruxolitinib",
  "acetaminophen",
  "paracetamol",
  "ibuprofen",
] as const;
export type KnownDrug = (typeof DRUGS)[number];

export const DRUG_LABELS: Readonly<Record<KnownDrug, string>> = {
  tocilizumab: "Tocilizumab",
  siltuximab: "Siltuximab",
  anakinra: "Anakinra",
  dexamethasone: "Dexamethasone",
  methylprednisolone: "Methylprednisolone",
  hydrocortisone: "Hydrocortisone",
  betamethasone: "Betamethasone",
  prednisolone: "Prednisolone",
  prednisone: "Prednisone",
  ruxolitinib: "Ruxolitinib",
  acetaminophen: "Acetaminophen",
  paracetamol: "Paracetamol",
  ibuprofen: "Ibuprofen",
};

export const ROUTES = ["IV", "SC", "IM", "PO", "PR", "NG"] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Readonly<Record<Route, string>> = {
  IV: "Intravenous",
  SC: "Subcutaneous",
  IM: "Intramuscular",
  PO: "By mouth",
  PR: "Rectal",
  NG: "Nasogastric tube",
};

/** Corticosteroids: mask fever (ASTCT-MASK) and trigger ALERT-STEROID-PROPHYLAXIS. */
export const CORTICOSTEROIDS: ReadonlySet<string> = new Set([
  "dexamethasone",
  "methylprednisolone",
  "hydrocortisone",
  "betamethasone",
  "prednisolone",
  "prednisone",
]);

/** Anti-cytokine / immunosuppressive drugs that always mask fever once an episode has started (ASTCT-MASK). */
export const ANTI_CYTOKINE_DRUGS: ReadonlySet<string> = new Set([
  "tocilizumab",
  "siltuximab",
  "anakinra",
  "ruxolitinib",
  ...CORTICOSTEROIDS,
]);

/** Antipyretics mask fever only with the setting antipyreticsMaskFever (default true). */
export const ANTIPYRETIC_DRUGS: ReadonlySet<string> = new Set(["acetaminophen", "paracetamol", "ibuprofen"]);

/** Label for any drug name, known or not. */
export function drugLabel(drug: string): string {
  return (DRUG_LABELS as Record<string, string | undefined>)[drug] ?? drug;
}

/** Flags on a charted tocilizumab dose (TOCI-*); the codes are part of the API. */
export const TOCI_FLAGS = [
  "TOCI_MAX_3_PER_24H",
  "TOCI_MAX_4_TOTAL",
  "TOCI_INTERVAL_UNDER_8H",
  "TOCI_DOSE_OVER_800MG",
  "TOCI_DOSE_OVER_WEIGHT_BASED",
] as const;
export type TociFlag = (typeof TOCI_FLAGS)[number];

/** NEWS2-ACVPU: the level of consciousness as charted (API values). */
export const ACVPU_LEVELS = ["alert", "new_confusion", "voice", "pain", "unresponsive"] as const;
export type Acvpu = (typeof ACVPU_LEVELS)[number];

/** NEWS2-BAND, in rising order of urgency. */
export const NEWS2_BANDS = ["low", "low_medium", "medium", "high"] as const;
export type News2Band = (typeof NEWS2_BANDS)[number];
