/** ASTCT-HYPOTENSION (CLINICAL-RULES.md section 2): the hypotension axis of one observation. */
import { agentText, computed, num } from "../../format";
import { formatInstant } from "../../time";
import type { HypotensionAxisGrade, ObservationInput, Reason } from "../../types";
import type { ChartedInfusions } from "../../vasopressors";

// Fixed ASTCT thresholds (changing them changes the published grading, so they are not settings).
/** ASTCT-HYPOTENSION: systolic below this is hypotension. */
export const HYPOTENSION_SYSTOLIC_BELOW = 90;
/** ASTCT-HYPOTENSION: mean arterial pressure below this is hypotension. */
export const HYPOTENSION_MAP_BELOW = 65;

type Pressures = Pick<ObservationInput, "systolicBP" | "diastolicBP" | "meanArterialPressure">;

export interface MeanArterialPressure {
  value: number;
  /** true when computed as (systolic + 2 x diastolic) / 3 because no MAP was charted. */
  computed: boolean;
}

/** The charted MAP, else (systolic + 2 x diastolic) / 3 when both pressures are charted. */
export function meanArterialPressure(observation: Pressures): MeanArterialPressure | null {
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

/** "SBP 86 mmHg < 90, MAP 62.7 mmHg (computed) < 65": the pressures as charted or computed. */
function pressuresText(systolic: number | null | undefined, map: MeanArterialPressure | null): string {
  const sbp = systolic == null ? "" : `SBP ${num(systolic)} mmHg${systolic < HYPOTENSION_SYSTOLIC_BELOW ? " < 90" : ""}`;
  if (map === null) return sbp;
  const below = map.value < HYPOTENSION_MAP_BELOW ? " < 65" : "";
  const mean = map.computed
    ? `MAP ${computed(map.value, HYPOTENSION_MAP_BELOW)} mmHg (computed)${below}`
    : `MAP ${num(map.value)} mmHg${below}`;
  return sbp ? `${sbp}, ${mean}` : mean;
}

/** The infusions counted by ASTCT: dobutamine is an inotrope; the same agent charted twice is one infusion. */
function countInfusions(infusions: ChartedInfusions["vasopressors"]) {
  let running = "";
  let inotropes = "";
  let pressorsExcludingVasopressin = 0;
  let vasopressin = false;
  infusions.forEach((infusion, index) => {
    const name = agentText(infusion.agent, infusion.doseMcgKgMin);
    if (infusion.agent === "dobutamine") {
      inotropes += inotropes ? ` + ${name}` : name;
    } else if (infusions.findIndex((other) => other.agent === infusion.agent) === index) {
      running += running ? ` + ${name}` : name;
      if (infusion.agent === "vasopressin") vasopressin = true;
      else pressorsExcludingVasopressin++;
    }
  });
  return { running, inotropes, pressorsExcludingVasopressin, vasopressin };
}

/**
 * ASTCT-HYPOTENSION: 0 none; 2 hypotension (SBP < 90 or MAP < 65) on fluids only; 3 any
 * vasopressor whatever the pressure (vasopressin alone, or one vasopressor plus vasopressin);
 * 4 two or more vasopressors not counting vasopressin. Dobutamine is an inotrope: not counted.
 * `carried`: infusions charted at an earlier observation, counted as running when this one does
 * not chart vasopressors (vasopressors.ts decides which); ignored when it charts its own.
 */
export function hypotensionAxis(
  observation: Pressures & Pick<ObservationInput, "vasopressors">,
  carried: ChartedInfusions | null = null,
): HypotensionResult {
  const map = meanArterialPressure(observation);
  const systolic = observation.systolicBP;
  const hypotension =
    systolic == null && map === null
      ? null
      : (systolic != null && systolic < HYPOTENSION_SYSTOLIC_BELOW) || (map !== null && map.value < HYPOTENSION_MAP_BELOW);
  const carry = observation.vasopressors == null ? carried : null;
  const infusions = carry !== null ? carry.vasopressors : (observation.vasopressors ?? []);
  const { running, inotropes, pressorsExcludingVasopressin, vasopressin } = countInfusions(infusions);
  const vasopressorCount = pressorsExcludingVasopressin + (vasopressin ? 1 : 0);
  const pressures = pressuresText(systolic, map);
  // A carried infusion says where it was charted, so the grade can be checked against the chart.
  const carriedFrom = carry !== null ? `charted at ${formatInstant(carry.atMs)} and not charted as stopped` : "";
  const isRunning = carry !== null ? ` ${carriedFrom}: counted as running` : " running";

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
  if (inotropes)
    text += `; ${inotropes}${carry !== null ? ` (${carriedFrom})` : ""} is an inotrope, not counted as a vasopressor`;
  return { axis, hypotension, vasopressorCount, reason: { rule: "ASTCT-HYPOTENSION", text: `${text} (ASTCT-HYPOTENSION)` } };
}
