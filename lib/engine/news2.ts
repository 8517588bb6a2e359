/**
 * National Early Warning Score 2 (RCP 2017) of one charted set, beside the CRS grade
 * (CLINICAL-RULES.md section 7). A patient can deteriorate with no CRS grade (hypotension before
 * any fever is grade 0 by ASTCT); NEWS2 sees it.
 *
 * Bands are read as upper bounds: a value belongs to the first band whose upper bound it does not
 * exceed (RR 8 -> 3 but 8.5 -> 1; 38.0 °C -> 0 but 38.05 °C -> 1), so a charted decimal always has
 * exactly one score. Each reason shows the bound it was compared with.
 */
import { celsiusText } from "./temperature-text";
import { DEFAULT_SETTINGS, type EngineSettings } from "./settings";
import type { Reason } from "./types";
import {
  NEWS2_BANDS,
  OXYGEN_DEVICE_LABELS,
  type Acvpu,
  type ConsciousnessLevel,
  type News2Band,
  type OxygenDevice,
} from "./vocabulary";

export { ACVPU_LEVELS, NEWS2_BANDS, type Acvpu, type News2Band } from "./vocabulary";

const ACVPU_TEXT: Readonly<Record<Acvpu, string>> = {
  alert: "alert",
  new_confusion: "new confusion",
  voice: "responds to voice",
  pain: "responds to pain",
  unresponsive: "unresponsive",
};

/** NEWS2-ACVPU: the ICANS level of consciousness read as ACVPU when a set charts no ACVPU. */
export const ACVPU_FROM_CONSCIOUSNESS: Readonly<Record<ConsciousnessLevel, Acvpu>> = {
  awake: "alert",
  awakens_spontaneously: "alert",
  awakens_to_voice: "voice",
  awakens_to_tactile: "pain",
  unarousable: "unresponsive",
};

export type Spo2Scale = 1 | 2;
export type News2ParameterScore = 0 | 1 | 2 | 3;

/** 0 for `low` ... 3 for `high`: compares bands (ESC_NEWS2 is raised when the band rises). */
export function news2BandRank(band: News2Band): number {
  return NEWS2_BANDS.indexOf(band);
}

export const NEWS2_PARAMETERS = [
  "respiratoryRate",
  "spo2",
  "oxygen",
  "systolicBP",
  "heartRate",
  "consciousness",
  "temperatureC",
] as const;
export type News2Parameter = (typeof NEWS2_PARAMETERS)[number];

/** As named in the reasons. */
const PARAMETER_TEXT: Readonly<Record<News2Parameter, string>> = {
  respiratoryRate: "respiratory rate",
  spo2: "SpO2",
  oxygen: "air or oxygen",
  systolicBP: "systolic BP",
  heartRate: "pulse",
  consciousness: "consciousness",
  temperatureC: "temperature",
};

export interface News2ParameterResult {
  parameter: News2Parameter;
  /** null: not charted (unknown, never normal: the set is incomplete). */
  score: News2ParameterScore | null;
  reason: Reason;
}

/** One band: values above the previous band's bound and at most `upTo` score `score`. */
interface Band {
  upTo: number;
  score: News2ParameterScore;
}

/** The score of the first band whose upper bound the value does not exceed, and that band in words. */
function scoreByBands(
  value: number,
  bands: readonly Band[],
  above: News2ParameterScore,
  show: (bound: number) => string,
): { score: News2ParameterScore; band: string } {
  let previous: number | null = null;
  for (const band of bands) {
    if (value <= band.upTo) {
      return {
        score: band.score,
        band: previous === null ? `<= ${show(band.upTo)}` : `> ${show(previous)} and <= ${show(band.upTo)}`,
      };
    }
    previous = band.upTo;
  }
  return { score: above, band: previous === null ? "any value" : `> ${show(previous)}` };
}

const whole = (bound: number): string => `${bound}`;
const tenths = (bound: number): string => bound.toFixed(1);

function notCharted(parameter: News2Parameter, rule: string, what: string): News2ParameterResult {
  return { parameter, score: null, reason: { rule, text: `${what} not charted: not scored (${rule})` } };
}

function scored(parameter: News2Parameter, rule: string, score: News2ParameterScore, text: string): News2ParameterResult {
  return { parameter, score, reason: { rule, text: `${text} (${rule})` } };
}

const RR_BANDS: readonly Band[] = [
  { upTo: 8, score: 3 },
  { upTo: 11, score: 1 },
  { upTo: 20, score: 0 },
  { upTo: 24, score: 2 },
];

/** NEWS2-RR: <= 8 -> 3; 9-11 -> 1; 12-20 -> 0; 21-24 -> 2; >= 25 -> 3. */
export function news2RespiratoryRate(respiratoryRate: number | null | undefined): News2ParameterResult {
  if (respiratoryRate == null) return notCharted("respiratoryRate", "NEWS2-RR", "Respiratory rate");
  const { score, band } = scoreByBands(respiratoryRate, RR_BANDS, 3, whole);
  return scored("respiratoryRate", "NEWS2-RR", score, `Respiratory rate ${respiratoryRate}/min: score ${score} (${band})`);
}

const SPO2_SCALE_1_BANDS: readonly Band[] = [
  { upTo: 91, score: 3 },
  { upTo: 93, score: 2 },
  { upTo: 95, score: 1 },
];

/** Scale 2 up to 92; above 92 the score depends on air or oxygen. */
const SPO2_SCALE_2_BANDS: readonly Band[] = [
  { upTo: 83, score: 3 },
  { upTo: 85, score: 2 },
  { upTo: 87, score: 1 },
  { upTo: 92, score: 0 },
];

/** Scale 2 above 92 on oxygen: 93-94 -> 1, 95-96 -> 2, >= 97 -> 3 (bounds continue from 92). */
const SPO2_SCALE_2_ON_OXYGEN_BANDS: readonly Band[] = [
  { upTo: 92, score: 0 },
  { upTo: 94, score: 1 },
  { upTo: 96, score: 2 },
];

/**
 * NEWS2-SPO2. Scale 1 (default): <= 91 -> 3; 92-93 -> 2; 94-95 -> 1; >= 96 -> 0. Scale 2
 * (hypercapnic respiratory failure, a physician's per-patient setting): <= 83 -> 3; 84-85 -> 2;
 * 86-87 -> 1; 88-92 -> 0; >= 93 on air -> 0; on oxygen 93-94 -> 1, 95-96 -> 2, >= 97 -> 3.
 * On scale 2 above 92 with no device charted the score is read as on air, 0: the lowest it can
 * be, and the set is incomplete (oxygen not charted), so its total is shown as "at least".
 */
export function news2Spo2(
  spo2: number | null | undefined,
  scale: Spo2Scale,
  device: OxygenDevice | null | undefined,
): News2ParameterResult {
  if (spo2 == null) return notCharted("spo2", "NEWS2-SPO2", "SpO2");
  if (scale === 1) {
    const { score, band } = scoreByBands(spo2, SPO2_SCALE_1_BANDS, 0, whole);
    return scored("spo2", "NEWS2-SPO2", score, `SpO2 ${spo2} % (scale 1): score ${score} (${band})`);
  }
  if (spo2 <= 92) {
    const { score, band } = scoreByBands(spo2, SPO2_SCALE_2_BANDS, 0, whole);
    return scored("spo2", "NEWS2-SPO2", score, `SpO2 ${spo2} % (scale 2): score ${score} (${band})`);
  }
  if (device == null) {
    return scored(
      "spo2",
      "NEWS2-SPO2",
      0,
      `SpO2 ${spo2} % (scale 2), oxygen device not charted: score at least 0 (> 92, read as on air)`,
    );
  }
  if (device === "room_air") {
    return scored("spo2", "NEWS2-SPO2", 0, `SpO2 ${spo2} % on room air (scale 2): score 0 (> 92 on air)`);
  }
  const { score, band } = scoreByBands(spo2, SPO2_SCALE_2_ON_OXYGEN_BANDS, 3, whole);
  return scored("spo2", "NEWS2-SPO2", score, `SpO2 ${spo2} % on oxygen (scale 2): score ${score} (${band} on oxygen)`);
}

/** NEWS2-O2: any device other than room air -> 2; room air -> 0; no device charted: not scored. */
export function news2Oxygen(device: OxygenDevice | null | undefined): News2ParameterResult {
  if (device == null) return notCharted("oxygen", "NEWS2-O2", "Oxygen device");
  if (device === "room_air") return scored("oxygen", "NEWS2-O2", 0, "Room air: score 0");
  return scored("oxygen", "NEWS2-O2", 2, `${OXYGEN_DEVICE_LABELS[device]}: score 2 (any oxygen device)`);
}

const SBP_BANDS: readonly Band[] = [
  { upTo: 90, score: 3 },
  { upTo: 100, score: 2 },
  { upTo: 110, score: 1 },
  { upTo: 219, score: 0 },
];

/** NEWS2-SBP: <= 90 -> 3; 91-100 -> 2; 101-110 -> 1; 111-219 -> 0; >= 220 -> 3. */
export function news2SystolicBP(systolicBP: number | null | undefined): News2ParameterResult {
  if (systolicBP == null) return notCharted("systolicBP", "NEWS2-SBP", "Systolic BP");
  const { score, band } = scoreByBands(systolicBP, SBP_BANDS, 3, whole);
  return scored("systolicBP", "NEWS2-SBP", score, `Systolic BP ${systolicBP} mmHg: score ${score} (${band})`);
}

const PULSE_BANDS: readonly Band[] = [
  { upTo: 40, score: 3 },
  { upTo: 50, score: 1 },
  { upTo: 90, score: 0 },
  { upTo: 110, score: 1 },
  { upTo: 130, score: 2 },
];

/** NEWS2-PULSE: <= 40 -> 3; 41-50 -> 1; 51-90 -> 0; 91-110 -> 1; 111-130 -> 2; >= 131 -> 3. */
export function news2Pulse(heartRate: number | null | undefined): News2ParameterResult {
  if (heartRate == null) return notCharted("heartRate", "NEWS2-PULSE", "Pulse");
  const { score, band } = scoreByBands(heartRate, PULSE_BANDS, 3, whole);
  return scored("heartRate", "NEWS2-PULSE", score, `Pulse ${heartRate}/min: score ${score} (${band})`);
}

/**
 * NEWS2-ACVPU: alert -> 0; new confusion, voice, pain or unresponsive -> 3. A charted ACVPU
 * decides; without it the ICANS level of consciousness is read as ACVPU (awake and awakens
 * spontaneously: alert; to voice: voice; to tactile stimulus: pain; unarousable: unresponsive).
 */
export function news2Consciousness(
  acvpu: Acvpu | null | undefined,
  consciousness: ConsciousnessLevel | null | undefined,
): News2ParameterResult {
  if (acvpu != null) {
    const score = acvpu === "alert" ? 0 : 3;
    return scored("consciousness", "NEWS2-ACVPU", score, `Consciousness ${ACVPU_TEXT[acvpu]}: score ${score}`);
  }
  if (consciousness == null) return notCharted("consciousness", "NEWS2-ACVPU", "Level of consciousness");
  const read = ACVPU_FROM_CONSCIOUSNESS[consciousness];
  const score = read === "alert" ? 0 : 3;
  const icans = consciousness.replaceAll("_", " ");
  return scored(
    "consciousness",
    "NEWS2-ACVPU",
    score,
    `Consciousness "${icans}" (ICANS) read as ${ACVPU_TEXT[read]}: score ${score}`,
  );
}

const TEMPERATURE_BANDS: readonly Band[] = [
  { upTo: 35, score: 3 },
  { upTo: 36, score: 1 },
  { upTo: 38, score: 0 },
  { upTo: 39, score: 1 },
];

/** NEWS2-TEMP: <= 35.0 -> 3; 35.1-36.0 -> 1; 36.1-38.0 -> 0; 38.1-39.0 -> 1; >= 39.1 -> 2. */
export function news2Temperature(temperatureC: number | null | undefined): News2ParameterResult {
  if (temperatureC == null) return notCharted("temperatureC", "NEWS2-TEMP", "Temperature");
  const { score, band } = scoreByBands(temperatureC, TEMPERATURE_BANDS, 2, tenths);
  return scored("temperatureC", "NEWS2-TEMP", score, `Temperature ${celsiusText(temperatureC)} °C: score ${score} (${band})`);
}

/** The fields of a charted set NEWS2 reads, named as the engine's observation input names them. */
export interface News2Set {
  respiratoryRate?: number | null;
  spo2?: number | null;
  /** Absent: device not charted (missing), not room air. */
  oxygen?: { device: OxygenDevice } | null;
  systolicBP?: number | null;
  heartRate?: number | null;
  /** ICANS level of consciousness, read as ACVPU when `acvpu` is absent. */
  consciousness?: ConsciousnessLevel | null;
  acvpu?: Acvpu | null;
  temperatureC?: number | null;
}

export interface News2Options {
  /** The patient's SpO2 scale (a physician's setting); 1 unless set. */
  spo2Scale?: Spo2Scale;
  news2HighCadenceMinutes?: EngineSettings["news2HighCadenceMinutes"];
}

export interface News2Result {
  /** NEWS2-SCORE: the sum of what was charted; a lower bound when incomplete. */
  score: number;
  /** false when any of the seven parameters is not charted: shown as "at least {score}". */
  complete: boolean;
  missing: News2Parameter[];
  band: News2Band;
  /** Minutes to the next set the NEWS2 band asks for. */
  cadenceMinutes: number;
  /** The seven parameters, in the order of the NEWS2 chart. */
  parameters: News2ParameterResult[];
  /** Each parameter's reason, then NEWS2-SCORE, then NEWS2-BAND. */
  reasons: Reason[];
}

export const HOURLY = 60;
export const LOW_SCORE_CADENCE_MINUTES = 4 * 60;
export const ZERO_SCORE_CADENCE_MINUTES = 12 * 60;

function everyText(minutes: number): string {
  if (minutes === HOURLY) return "hourly";
  return minutes % 60 === 0 ? `every ${minutes / 60} h` : `every ${minutes} min`;
}

/** NEWS2-BAND and cadence from the score and whether one parameter scored 3. */
function bandOf(
  score: number,
  scoredThree: readonly News2Parameter[],
  highCadenceMinutes: number,
): { band: News2Band; cadenceMinutes: number; why: string } {
  if (score >= 7) {
    return { band: "high", cadenceMinutes: highCadenceMinutes, why: "high (7 or more): emergency response" };
  }
  if (score >= 5) return { band: "medium", cadenceMinutes: HOURLY, why: "medium (5-6): urgent response" };
  const first = scoredThree.at(0);
  if (first) {
    const which = scoredThree.map((parameter) => PARAMETER_TEXT[parameter]).join(", ");
    return {
      band: "low_medium",
      cadenceMinutes: HOURLY,
      why: `low-medium (${which} scored 3, total under 5): urgent ward-based response`,
    };
  }
  if (score >= 1) return { band: "low", cadenceMinutes: LOW_SCORE_CADENCE_MINUTES, why: "low (1-4)" };
  return { band: "low", cadenceMinutes: ZERO_SCORE_CADENCE_MINUTES, why: "low (0)" };
}

/**
 * NEWS2-SCORE, NEWS2-BAND and the cadence of one charted set. An incomplete set sums what was
 * charted ("at least N") and its band and cadence use that sum.
 */
export function news2Score(set: News2Set, options: News2Options = {}): News2Result {
  const scale = options.spo2Scale ?? 1;
  const highCadenceMinutes = options.news2HighCadenceMinutes ?? DEFAULT_SETTINGS.news2HighCadenceMinutes;
  const device = set.oxygen?.device;
  const parameters = [
    news2RespiratoryRate(set.respiratoryRate),
    news2Spo2(set.spo2, scale, device),
    news2Oxygen(device),
    news2SystolicBP(set.systolicBP),
    news2Pulse(set.heartRate),
    news2Consciousness(set.acvpu, set.consciousness),
    news2Temperature(set.temperatureC),
  ];

  let score = 0;
  const missing: News2Parameter[] = [];
  const scoredThree: News2Parameter[] = [];
  const terms: string[] = [];
  for (const result of parameters) {
    if (result.score === null) {
      missing.push(result.parameter);
      continue;
    }
    score += result.score;
    if (result.score === 3) scoredThree.push(result.parameter);
    terms.push(`${PARAMETER_TEXT[result.parameter]} ${result.score}`);
  }
  const complete = missing.length === 0;
  const total = complete ? `NEWS2 ${score}` : `NEWS2 at least ${score}`;
  const notChartedText = complete
    ? ""
    : ` (incomplete: ${missing.map((parameter) => PARAMETER_TEXT[parameter]).join(", ")} not charted)`;
  const sum = terms.length > 0 ? `: ${terms.join(" + ")}` : "";
  const { band, cadenceMinutes, why } = bandOf(score, scoredThree, highCadenceMinutes);

  return {
    score,
    complete,
    missing,
    band,
    cadenceMinutes,
    parameters,
    reasons: [
      ...parameters.map((result) => result.reason),
      { rule: "NEWS2-SCORE", text: `${total}${notChartedText}${sum} (NEWS2-SCORE)` },
      { rule: "NEWS2-BAND", text: `${total}: band ${why}; observations ${everyText(cadenceMinutes)} (NEWS2-BAND)` },
    ],
  };
}
