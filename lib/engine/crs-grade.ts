/**
 * CRS grade of one observation, ASTCT 2019 (CLINICAL-RULES.md section 2).
 * Each axis is a small function returning its grade with the reason; gradeCrs combines them with
 * the episode context (onset, masking) that only the timeline knows.
 */
import { agentText, computed, deviceText, num } from "./format";
import { formatInstant } from "./time";
import type { GradingMemo } from "./grading-memo";
import type { ChartedInfusions } from "./vasopressors";
import type { CrsGrade, HypotensionAxisGrade, ObservationInput, OxygenAxisGrade, OxygenInput, Reason } from "./types";
import { drugLabel } from "./vocabulary";

/**
 * Formatters called while grading each new value: bound once, because under CommonJS (tsx, the
 * CLI and bench) each use of an imported function goes through a getter (see timeline.ts).
 */
const numText = num;
const computedText = computed;
const agentName = agentText;
const deviceName = deviceText;

// Fixed ASTCT thresholds (changing them changes the published grading, so they are not settings).
/** ASTCT-FEVER: fever is >= 38.0 °C. */
export const FEVER_THRESHOLD_C = 38.0;
/** ASTCT-HYPOTENSION: systolic below this is hypotension. */
export const HYPOTENSION_SYSTOLIC_BELOW = 90;
/** ASTCT-HYPOTENSION: mean arterial pressure below this is hypotension. */
export const HYPOTENSION_MAP_BELOW = 65;
/** ASTCT-HYPOXIA: nasal cannula up to and including this flow is low flow (grade 2). */
export const LOW_FLOW_MAX_LPM = 6;

export interface FeverResult {
  /** null: temperature not charted. */
  febrile: boolean | null;
  reason: Reason;
}

/** ASTCT-FEVER: fever is >= 38.0 °C; 37.9 is not fever. */
export function feverStatus(temperatureC: number | null | undefined): FeverResult {
  if (temperatureC == null) return { febrile: null, reason: { rule: "ASTCT-FEVER", text: "Temperature not charted (ASTCT-FEVER)" } };
  if (temperatureC >= FEVER_THRESHOLD_C) {
    return { febrile: true, reason: { rule: "ASTCT-FEVER", text: `Fever: ${numText(temperatureC)} °C (fever is >= 38.0 °C) (ASTCT-FEVER)` } };
  }
  return { febrile: false, reason: { rule: "ASTCT-FEVER", text: `No fever: ${numText(temperatureC)} °C (fever is >= 38.0 °C) (ASTCT-FEVER)` } };
}

export interface MeanArterialPressure {
  value: number;
  /** true when computed as (systolic + 2 x diastolic) / 3 because no MAP was charted. */
  computed: boolean;
}

/** The charted MAP, else (systolic + 2 x diastolic) / 3 when both pressures are charted. */
export function meanArterialPressure(
  observation: Pick<ObservationInput, "systolicBP" | "diastolicBP" | "meanArterialPressure">,
): MeanArterialPressure | null {
  if (observation.meanArterialPressure != null) return { value: observation.meanArterialPressure, computed: false };
  if (observation.systolicBP != null && observation.diastolicBP != null) {
    return { value: (observation.systolicBP + 2 * observation.diastolicBP) / 3, computed: true };
  }
  return null;
}

export interface HypotensionResult {
  axis: HypotensionAxisGrade;
  /** null when neither systolic nor mean pressure could be read (blood pressure not charted). */
  hypotension: boolean | null;
  /** Vasopressors counted by ASTCT (dobutamine excluded). */
  vasopressorCount: number;
  reason: Reason;
}

/**
 * "SBP 86 mmHg < 90" and "MAP 62.7 mmHg (computed) < 65" recur constantly and come from a small
 * set (whole mmHg; tenths for a computed MAP), so each is built once per process and reused:
 * formatting a decimal costs more than the rest of grading an observation.
 */
const systolicTexts: (string | undefined)[] = [];
const chartedMapTexts: (string | undefined)[] = [];
const computedMapTenthTexts: (string | undefined)[] = [];

function systolicText(systolic: number): string {
  const memoised = Number.isInteger(systolic) && systolic >= 0 && systolic <= 300;
  if (memoised) {
    const known = systolicTexts[systolic];
    if (known !== undefined) return known;
  }
  const text = `SBP ${numText(systolic)} mmHg${systolic < HYPOTENSION_SYSTOLIC_BELOW ? " < 90" : ""}`;
  if (memoised) systolicTexts[systolic] = text;
  return text;
}

/**
 * Where a MAP's texts are memoised: a computed MAP by tenth, only where the tenth alone decides the
 * comparison with 65 (not 64.95-65.05); a charted MAP by whole mmHg. -1: not memoised.
 */
function mapSlot(map: MeanArterialPressure): number {
  const value = map.value;
  if (map.computed) {
    const tenths = Math.round(value * 10);
    return tenths >= 0 && tenths <= 3000 && (tenths < 649 || tenths > 651) ? tenths : -1;
  }
  return Number.isInteger(value) && value >= 0 && value <= 300 ? value : -1;
}

function mapText(map: MeanArterialPressure): string {
  const value = map.value;
  const table = map.computed ? computedMapTenthTexts : chartedMapTexts;
  const slot = mapSlot(map);
  if (slot >= 0) {
    const known = table[slot];
    if (known !== undefined) return known;
  }
  const below = value < HYPOTENSION_MAP_BELOW ? " < 65" : "";
  const text = map.computed
    ? `MAP ${computedText(value, HYPOTENSION_MAP_BELOW)} mmHg (computed)${below}`
    : `MAP ${numText(value)} mmHg${below}`;
  if (slot >= 0) table[slot] = text;
  return text;
}

/**
 * The reason text of the usual set, no infusion running with both SBP and MAP known: "No
 * hypotension: SBP 120 mmHg, " + "MAP 83.3 mmHg (computed), no vasopressor (ASTCT-HYPOTENSION)".
 * The part before the MAP is built once per process per systolic and the rest per MAP (like the
 * texts above; each with and without hypotension), so a new pair of pressures costs one join
 * instead of five, and its text is one joined string rather than a chain of five. null: a value
 * not memoised.
 */
const plainLeadTexts = new Array<string | undefined>(602);
const plainComputedMapTails = new Array<string | undefined>(6002);
const plainChartedMapTails = new Array<string | undefined>(602);

function plainPressuresReasonText(systolic: number, map: MeanArterialPressure, hypotension: boolean): string | null {
  if (!Number.isInteger(systolic) || systolic < 0 || systolic > 300) return null;
  const slot = mapSlot(map);
  if (slot < 0) return null;
  const flag = hypotension ? 1 : 0;
  const lead = (plainLeadTexts[systolic * 2 + flag] ??=
    `${hypotension ? "Hypotension grade 2: " : "No hypotension: "}${systolicText(systolic)}, `);
  const tails = map.computed ? plainComputedMapTails : plainChartedMapTails;
  const tail = (tails[slot * 2 + flag] ??=
    `${mapText(map)}${hypotension ? ", no vasopressor (fluids only)" : ", no vasopressor"} (ASTCT-HYPOTENSION)`);
  return lead + tail;
}

function pressuresText(systolic: number | null | undefined, map: MeanArterialPressure | null): string {
  if (systolic != null) return map ? `${systolicText(systolic)}, ${mapText(map)}` : systolicText(systolic);
  return map ? mapText(map) : "";
}

/** True when the agent of infusions[index] was already charted earlier in the list. */
function chartedBefore(infusions: readonly { agent: string }[], index: number): boolean {
  const agent = infusions[index].agent;
  for (let i = 0; i < index; i++) if (infusions[i].agent === agent) return true;
  return false;
}

/**
 * ASTCT-HYPOTENSION: 0 none; 2 hypotension (SBP < 90 or MAP < 65) on fluids only; 3 any
 * vasopressor whatever the pressure (vasopressin alone, or one vasopressor plus vasopressin);
 * 4 two or more vasopressors not counting vasopressin. Dobutamine is an inotrope: not counted.
 * `carried`: infusions charted at an earlier observation, counted as running when this one does
 * not chart vasopressors (vasopressors.ts decides which); ignored when it charts its own.
 */
export function hypotensionAxis(
  observation: Pick<ObservationInput, "systolicBP" | "diastolicBP" | "meanArterialPressure" | "vasopressors">,
  carried: ChartedInfusions | null = null,
): HypotensionResult {
  const map = meanArterialPressure(observation);
  const systolic = observation.systolicBP;
  const hypotension =
    systolic == null && map === null
      ? null
      : (systolic != null && systolic < HYPOTENSION_SYSTOLIC_BELOW) || (map !== null && map.value < HYPOTENSION_MAP_BELOW);
  const own = observation.vasopressors;
  const carry = own == null ? carried : null;
  const infusions = carry !== null ? carry.vasopressors : own;
  const noInfusion = !infusions || infusions.length === 0;

  if (noInfusion && systolic != null && map !== null) {
    const plain = plainPressuresReasonText(systolic, map, hypotension === true);
    if (plain !== null) {
      return {
        axis: hypotension === true ? 2 : 0,
        hypotension,
        vasopressorCount: 0,
        reason: { rule: "ASTCT-HYPOTENSION", text: plain },
      };
    }
  }

  let pressorsExcludingVasopressin = 0;
  let vasopressin = false;
  let running = "";
  let inotropes = "";
  if (!noInfusion) {
    for (let i = 0; i < infusions.length; i++) {
      const infusion = infusions[i];
      if (infusion.agent === "dobutamine") {
        inotropes += `${inotropes ? " + " : ""}${agentName(infusion.agent, infusion.doseMcgKgMin)}`;
        continue;
      }
      // The same agent charted twice is one infusion, not two vasopressors.
      if (chartedBefore(infusions, i)) continue;
      running += `${running ? " + " : ""}${agentName(infusion.agent, infusion.doseMcgKgMin)}`;
      if (infusion.agent === "vasopressin") vasopressin = true;
      else pressorsExcludingVasopressin++;
    }
  }
  const vasopressorCount = pressorsExcludingVasopressin + (vasopressin ? 1 : 0);
  const pressures = pressuresText(systolic, map);
  // A carried infusion says where it was charted, so the grade can be checked against the chart.
  const carriedText = carry !== null ? ` charted at ${formatInstant(carry.atMs)} and not charted as stopped` : "";
  const inotropeText = inotropes
    ? `; ${inotropes}${carry !== null ? ` (${carriedText.slice(1)})` : ""} is an inotrope, not counted as a vasopressor`
    : "";
  const isRunning = carry !== null ? `${carriedText}: counted as running` : " running";

  let axis: HypotensionAxisGrade;
  let text: string;
  if (pressorsExcludingVasopressin >= 2) {
    axis = 4;
    text = `Hypotension grade 4: ${running}${isRunning}, ${pressorsExcludingVasopressin} vasopressors not counting vasopressin`;
  } else if (vasopressorCount >= 1) {
    axis = 3;
    const what =
      pressorsExcludingVasopressin === 0
        ? "vasopressin alone"
        : vasopressin
          ? "one vasopressor plus vasopressin"
          : "one vasopressor";
    text = `Hypotension grade 3: ${running}${isRunning} (${what}, whatever the pressure)`;
  } else if (hypotension === true) {
    axis = 2;
    text = `Hypotension grade 2: ${pressures}, no vasopressor (fluids only)`;
  } else if (hypotension === false) {
    axis = 0;
    text = `No hypotension: ${pressures}, no vasopressor`;
  } else {
    axis = 0;
    text = "Blood pressure not charted, no vasopressor: hypotension grade 0";
  }
  if (axis >= 3 && pressures) text += `; ${pressures}`;
  return {
    axis,
    hypotension,
    vasopressorCount,
    reason: { rule: "ASTCT-HYPOTENSION", text: `${text}${inotropeText} (ASTCT-HYPOTENSION)` },
  };
}

/** hypotensionAxis, with its axis and whether blood pressure is known written into `out`; returns the reason. */
export function hypotensionInto(
  out: Pick<CrsGrading, "hypotensionAxis" | "bloodPressureKnown">,
  observation: Pick<ObservationInput, "systolicBP" | "diastolicBP" | "meanArterialPressure" | "vasopressors">,
  carried: ChartedInfusions | null = null,
): Reason {
  const result = hypotensionAxis(observation, carried);
  out.hypotensionAxis = result.axis;
  out.bloodPressureKnown = result.hypotension !== null || result.vasopressorCount > 0;
  return result.reason;
}

export interface OxygenResult {
  axis: OxygenAxisGrade;
  reason: Reason;
}

const ROOM_AIR: OxygenResult = Object.freeze({
  axis: 0,
  reason: Object.freeze({ rule: "ASTCT-HYPOXIA", text: "Room air: oxygen grade 0 (ASTCT-HYPOXIA)" }),
}) as OxygenResult;

/**
 * ASTCT-HYPOXIA by device: room air 0; blow-by or nasal cannula <= 6 L/min 2 (no flow charted
 * counts as low flow); nasal cannula > 6 L/min, high-flow, face masks 3 (the device outranks the
 * flow); CPAP, BiPAP, mechanical ventilation 4.
 */
export function hypoxiaAxis(oxygen: OxygenInput | null | undefined): OxygenResult {
  if (!oxygen || oxygen.device === "room_air") return ROOM_AIR;
  const device = oxygen.device;
  const flow = oxygen.flowLpm;
  const flowText = flow == null ? "" : ` ${numText(flow)} L/min`;
  const fio2Text = oxygen.fio2 == null ? "" : `, FiO2 ${numText(oxygen.fio2)}`;
  let axis: OxygenAxisGrade;
  let detail: string;
  switch (device) {
    case "blow_by":
      axis = 2;
      detail = `blow-by oxygen${flowText}`;
      break;
    case "nasal_cannula":
      if (flow == null) {
        axis = 2;
        detail = "nasal cannula, flow not charted (counted as low flow)";
      } else if (flow <= LOW_FLOW_MAX_LPM) {
        axis = 2;
        detail = `nasal cannula${flowText} (low flow, <= 6 L/min)`;
      } else {
        axis = 3;
        detail = `nasal cannula${flowText} (more than 6 L/min)`;
      }
      break;
    case "high_flow_nasal_cannula":
      axis = 3;
      detail = `high-flow nasal cannula${flowText}`;
      break;
    case "simple_face_mask":
    case "non_rebreather":
    case "venturi_mask":
      axis = 3;
      detail = `${deviceName(device)}${flowText} (the device outranks the flow)`;
      break;
    case "cpap":
    case "bipap":
    case "mechanical_ventilation":
      axis = 4;
      detail = `${deviceName(device)} (positive pressure)`;
      break;
  }
  return { axis, reason: { rule: "ASTCT-HYPOXIA", text: `Oxygen grade ${axis}: ${detail}${fio2Text} (ASTCT-HYPOXIA)` } };
}

/** What the timeline knows about the episode at the time of one observation. */
export interface EpisodeContext {
  /** Time of the first febrile observation of the timeline (ASTCT-ONSET), or null. */
  onsetMs: number | null;
  /**
   * The first masking drug given at or after the onset (ASTCT-MASK), or null. Its reason is built
   * once per timeline (maskingReason) and shared by every observation it applies to.
   */
  masking: { atMs: number; reason: Reason } | null;
}

/** ASTCT-MASK reason for observations at or after the first masking drug. */
export function maskingReason(drug: string, atMs: number): Reason {
  return {
    rule: "ASTCT-MASK",
    text: `Fever not required: ${drugLabel(drug).toLowerCase()} given ${formatInstant(atMs)}, at or after the onset (ASTCT-MASK)`,
  };
}

export interface CrsGradeResult {
  grade: CrsGrade;
  febrile: boolean | null;
  hypotensionAxis: HypotensionAxisGrade;
  oxygenAxis: OxygenAxisGrade;
  /** Blood pressure (systolic or mean) could be read, or a vasopressor was running. */
  bloodPressureKnown: boolean;
  /** Hypotension or oxygen need that the grade does not count (ALERT-NO-FEVER). */
  noFeverAlert: string | null;
  reasons: Reason[];
}

/**
 * A CrsGradeResult that gradeCrsInto fills in place: the timeline grades thousands of observations
 * into one of these instead of allocating a result for each (only `reasons` is new every time).
 */
export class CrsGrading implements CrsGradeResult {
  grade: CrsGrade = 0;
  febrile: boolean | null = null;
  hypotensionAxis: HypotensionAxisGrade = 0;
  oxygenAxis: OxygenAxisGrade = 0;
  bloodPressureKnown = false;
  noFeverAlert: string | null = null;
  reasons: Reason[] = [];
}

/**
 * ASTCT-MAX reasons depend only on a few small whole numbers (at most 32 texts), so each is built
 * once per process and shared (frozen).
 */
const summaryReasons = new Array<Reason | undefined>(145);
function summaryReason(febrile: boolean, grade: number, hyp: number, oxy: number): Reason {
  const key = (febrile ? 100 : 0) + hyp * 10 + oxy;
  return summaryReasons[key] ?? newSummaryReason(key, febrile, grade, hyp, oxy);
}

/** The first time a summary is needed (kept apart so that summaryReason is small enough to inline). */
function newSummaryReason(key: number, febrile: boolean, grade: number, hyp: number, oxy: number): Reason {
  const fever = febrile ? "fever (1), " : "";
  const reason: Reason = Object.freeze({
    rule: "ASTCT-MAX",
    text: `Grade ${grade}: the more severe of ${fever}hypotension (${hyp}) and oxygen (${oxy}); axes are not added (ASTCT-MAX)`,
  });
  summaryReasons[key] = reason;
  return reason;
}

/** ALERT-NO-FEVER texts, by hypotension and oxygen axis (at most 25 of each kind), built once per process. */
const PRE_ONSET_ALERTS: (string | undefined)[] = [];
const UNMASKED_ALERTS: (string | undefined)[] = [];
function noFeverText(table: (string | undefined)[], hyp: number, oxy: number, why: string): string {
  const key = hyp * 10 + oxy;
  return (table[key] ??= `Hypotension (axis ${hyp}) or oxygen need (axis ${oxy}) ${why}, review other causes`);
}

const PRE_ONSET: Reason = Object.freeze({ rule: "ASTCT-ONSET", text: "Grade 0: no fever yet, so no CRS episode (ASTCT-ONSET)" });
const UNMASKED: Reason = Object.freeze({
  rule: "ASTCT-MASK",
  text: "Grade 0: no fever, and no antipyretic or anti-cytokine drug since the onset, so fever is still required (ASTCT-MASK)",
});
const TEMPERATURE_UNKNOWN: Reason = Object.freeze({
  rule: "ASTCT-FEVER",
  text: "Temperature not charted during the episode: graded on hypotension and oxygen alone (safer reading) (ASTCT-FEVER)",
});
const DEATH: Reason = Object.freeze({ rule: "ASTCT-G5", text: "Grade 5: death attributed to CRS charted (ASTCT-G5)" });

/**
 * Grade of one observation (ASTCT-MAX): febrile -> max(1, hypotension, oxygen); afebrile in an
 * episode whose fever is masked -> max(hypotension, oxygen); otherwise 0. Axes are never added.
 * Temperature not charted during an episode: graded on hypotension and oxygen alone (safer reading,
 * docs/EXCHANGE-FORMAT.md), since fever cannot be ruled out.
 * `memo` (optional) shares the reasons of repeated values across a timeline; same result without it.
 * `carried`: infusions charted earlier and counted as running here (see hypotensionAxis).
 */
export function gradeCrs(
  observation: ObservationInput,
  atMs: number,
  context: EpisodeContext,
  memo?: GradingMemo,
  carried: ChartedInfusions | null = null,
): CrsGradeResult {
  const out = gradeCrsInto(new CrsGrading(), observation, atMs, context, memo, carried);
  return {
    grade: out.grade,
    febrile: out.febrile,
    hypotensionAxis: out.hypotensionAxis,
    oxygenAxis: out.oxygenAxis,
    bloodPressureKnown: out.bloodPressureKnown,
    noFeverAlert: out.noFeverAlert,
    reasons: out.reasons,
  };
}

/** gradeCrs into `out` (every field is overwritten; `reasons` is a new list). Returns `out`. */
export function gradeCrsInto(
  out: CrsGrading,
  observation: ObservationInput,
  atMs: number,
  context: EpisodeContext,
  memo?: GradingMemo,
  carried: ChartedInfusions | null = null,
): CrsGrading {
  const fever = memo ? memo.fever(observation.temperatureC) : feverStatus(observation.temperatureC);
  // Sets out.hypotensionAxis and out.bloodPressureKnown. The memo's keys hold pressures only, so
  // an observation graded with infusions carried from an earlier one is graded directly.
  const pressureReason =
    memo && carried === null ? memo.hypotensionInto(out, observation) : hypotensionInto(out, observation, carried);
  const oxygen = memo ? memo.oxygen(observation.oxygen) : hypoxiaAxis(observation.oxygen);
  const hyp = out.hypotensionAxis;
  const oxy = oxygen.axis;
  const axesMax = hyp > oxy ? hyp : oxy;
  const inEpisode = context.onsetMs !== null && atMs >= context.onsetMs;
  const masked = context.masking !== null && atMs >= context.masking.atMs;
  let grade: CrsGrade;
  let noFeverAlert: string | null = null;
  // Each branch builds its reasons in one go: axes first, then what decided the grade.
  let reasons: Reason[];

  if (fever.febrile === true) {
    grade = (axesMax > 1 ? axesMax : 1) as CrsGrade;
    const summary = summaryReason(true, grade, hyp, oxy);
    reasons =
      atMs === context.onsetMs
        ? [
            fever.reason,
            pressureReason,
            oxygen.reason,
            { rule: "ASTCT-ONSET", text: `CRS episode starts with this fever at ${formatInstant(atMs)} (ASTCT-ONSET)` },
            summary,
          ]
        : [fever.reason, pressureReason, oxygen.reason, summary];
  } else if (!inEpisode) {
    grade = 0;
    reasons = [fever.reason, pressureReason, oxygen.reason, PRE_ONSET];
    if (axesMax > 0) noFeverAlert = noFeverText(PRE_ONSET_ALERTS, hyp, oxy, "before any fever: not CRS by ASTCT");
  } else if (masked || fever.febrile === null) {
    grade = axesMax;
    const summary = summaryReason(false, grade, hyp, oxy);
    reasons = [fever.reason, pressureReason, oxygen.reason, masked ? context.masking!.reason : TEMPERATURE_UNKNOWN, summary];
  } else {
    grade = 0;
    reasons = [fever.reason, pressureReason, oxygen.reason, UNMASKED];
    if (axesMax > 0) {
      noFeverAlert = noFeverText(UNMASKED_ALERTS, hyp, oxy, "without fever and before any masking drug: grade 0 by ASTCT");
    }
  }

  if (observation.crsDeath === true) {
    grade = 5;
    reasons.push(DEATH);
  }
  if (noFeverAlert !== null) reasons.push({ rule: "ALERT-NO-FEVER", text: `${noFeverAlert} (ALERT-NO-FEVER)` });

  out.grade = grade;
  out.febrile = fever.febrile;
  out.oxygenAxis = oxy;
  out.noFeverAlert = noFeverAlert;
  out.reasons = reasons;
  return out;
}
