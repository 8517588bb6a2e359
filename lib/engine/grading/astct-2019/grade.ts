/**
 * CRS grade of one observation, ASTCT 2019 (CLINICAL-RULES.md section 2): the axes (fever.ts,
 * hypotension.ts, hypoxia.ts) combined with what only the course knows, the onset and the masking.
 */
import { formatInstant } from "../../time";
import type { CrsGrade, HypotensionAxisGrade, ObservationInput, OxygenAxisGrade, Reason } from "../../types";
import type { ChartedInfusions } from "../../vasopressors";
import type { CrsObservationGrade } from "../types";
import { feverStatus } from "./fever";
import { hypotensionAxis } from "./hypotension";
import { hypoxiaAxis } from "./hypoxia";
import type { Masking } from "./masking";

/** What the course says about the episode at the time of one observation. */
export interface EpisodeContext {
  /** Time of the first febrile observation of the course (ASTCT-ONSET), or null. */
  onsetMs: number | null;
  /** The first masking drug given at or after the onset (ASTCT-MASK), or null. */
  masking: Masking | null;
  /** EPISODE-END: when no episode is running, the end of the previous one (null: none before). */
  previousEpisodeEndMs?: number | null;
}

/** ASTCT-MAX: the more severe axis decides; axes are never added. */
function summaryReason(febrile: boolean, grade: number, hypotension: number, oxygen: number): Reason {
  const fever = febrile ? "fever (1), " : "";
  return {
    rule: "ASTCT-MAX",
    text: `Grade ${grade}: the more severe of ${fever}hypotension (${hypotension}) and oxygen (${oxygen}); axes are not added (ASTCT-MAX)`,
  };
}

/** ALERT-NO-FEVER: hypotension or oxygen need that the grade does not count. */
function noFeverAlert(hypotension: number, oxygen: number, why: string): Reason {
  return {
    rule: "ALERT-NO-FEVER",
    text: `Hypotension (axis ${hypotension}) or oxygen need (axis ${oxygen}) ${why}, review other causes (ALERT-NO-FEVER)`,
  };
}

interface Decision {
  grade: CrsGrade;
  /** The reasons after the axes: what decided the grade. */
  reasons: Reason[];
  alert: Reason | null;
}

/**
 * ASTCT-MAX with ASTCT-ONSET and ASTCT-MASK: febrile -> max(1, hypotension, oxygen); afebrile in
 * an episode whose fever is masked -> max(hypotension, oxygen); temperature not charted during an
 * episode -> max(hypotension, oxygen) too (fever cannot be ruled out: the safer reading);
 * otherwise 0, with ALERT-NO-FEVER when an axis is above 0.
 */
function decideGrade(
  febrile: boolean | null,
  atMs: number,
  context: EpisodeContext,
  hypotension: HypotensionAxisGrade,
  oxygen: OxygenAxisGrade,
): Decision {
  const worstAxis = Math.max(hypotension, oxygen) as HypotensionAxisGrade | OxygenAxisGrade;
  if (febrile === true) {
    const grade = Math.max(1, worstAxis) as CrsGrade;
    const onset: Reason[] =
      atMs === context.onsetMs
        ? [{ rule: "ASTCT-ONSET", text: `CRS episode starts with this fever at ${formatInstant(atMs)} (ASTCT-ONSET)` }]
        : [];
    return { grade, reasons: [...onset, summaryReason(true, grade, hypotension, oxygen)], alert: null };
  }
  if (context.onsetMs === null || atMs < context.onsetMs) {
    const endedMs = context.previousEpisodeEndMs ?? null;
    if (endedMs !== null && atMs >= endedMs) {
      return {
        grade: 0,
        reasons: [
          {
            rule: "EPISODE-END",
            text: `Grade 0: the CRS episode ended at ${formatInstant(endedMs)} with no fever since; only a new fever starts a new episode (EPISODE-END)`,
          },
        ],
        alert:
          worstAxis > 0
            ? noFeverAlert(hypotension, oxygen, "after the CRS episode ended and before any new fever: not CRS by ASTCT")
            : null,
      };
    }
    return {
      grade: 0,
      reasons: [{ rule: "ASTCT-ONSET", text: "Grade 0: no fever yet, so no CRS episode (ASTCT-ONSET)" }],
      alert: worstAxis > 0 ? noFeverAlert(hypotension, oxygen, "before any fever: not CRS by ASTCT") : null,
    };
  }
  if (context.masking !== null && atMs >= context.masking.atMs) {
    return {
      grade: worstAxis,
      reasons: [context.masking.reason, summaryReason(false, worstAxis, hypotension, oxygen)],
      alert: null,
    };
  }
  if (febrile === null) {
    const unknown: Reason = {
      rule: "ASTCT-FEVER",
      text: "Temperature not charted during the episode: graded on hypotension and oxygen alone (safer reading) (ASTCT-FEVER)",
    };
    return { grade: worstAxis, reasons: [unknown, summaryReason(false, worstAxis, hypotension, oxygen)], alert: null };
  }
  return {
    grade: 0,
    reasons: [
      {
        rule: "ASTCT-MASK",
        text: "Grade 0: no fever, and no antipyretic or anti-cytokine drug since the onset, so fever is still required (ASTCT-MASK)",
      },
    ],
    alert:
      worstAxis > 0 ? noFeverAlert(hypotension, oxygen, "without fever and before any masking drug: grade 0 by ASTCT") : null,
  };
}

/**
 * Grade of one observation at `atMs` in its episode. Reasons: fever, hypotension, oxygen, then
 * what decided the grade; grade 5 only when death attributed to CRS is charted (ASTCT-G5).
 * `carried`: infusions charted earlier and counted as running here (see hypotensionAxis).
 */
export function gradeCrs(
  observation: ObservationInput,
  atMs: number,
  context: EpisodeContext,
  carried: ChartedInfusions | null = null,
): CrsObservationGrade {
  const fever = feverStatus(observation.temperatureC);
  const pressure = hypotensionAxis(observation, carried);
  const oxygen = hypoxiaAxis(observation.oxygen);
  const decision = decideGrade(fever.febrile, atMs, context, pressure.axis, oxygen.axis);
  const reasons = [fever.reason, pressure.reason, oxygen.reason, ...decision.reasons];
  let grade = decision.grade;
  if (observation.crsDeath === true) {
    grade = 5;
    reasons.push({ rule: "ASTCT-G5", text: "Grade 5: death attributed to CRS charted (ASTCT-G5)" });
  }
  const alerts = decision.alert ? [decision.alert] : [];
  return {
    grade,
    febrile: fever.febrile,
    hypotensionAxis: pressure.axis,
    oxygenAxis: oxygen.axis,
    bloodPressureKnown: pressure.hypotension !== null || pressure.vasopressorCount > 0,
    reasons: [...reasons, ...alerts],
    alerts,
  };
}
