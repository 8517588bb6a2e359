/**
 * Tocilizumab dosing (CLINICAL-RULES.md section 4): weight-based dose (TOCI-DOSE), the flags a
 * charted dose carries, and the next eligible time (TOCI-NEXT). Doses are epoch ms, ascending.
 */
import { num } from "./format";
import type { EngineSettings } from "./settings";
import { formatDuration, formatHours, formatInstant, HOUR_MS, toIsoUtc } from "./time";
import type { CrsGrade, Reason, Timer, TimerStatus, TociFlag } from "./types";

// Fixed limits from the prescribing information (section 4); the minimum interval is a setting.
/** TOCI-DOSE: 12 mg/kg under 30 kg, else 8 mg/kg, never above 800 mg. */
export const TOCI_MG_PER_KG_UNDER_30KG = 12;
export const TOCI_MG_PER_KG_FROM_30KG = 8;
export const TOCI_PAEDIATRIC_WEIGHT_BELOW_KG = 30;
export const TOCI_MAX_SINGLE_DOSE_MG = 800;
/** TOCI_DOSE_OVER_WEIGHT_BASED: flagged when more than 10 % above the weight-based dose. */
export const TOCI_WEIGHT_TOLERANCE_PERCENT = 10;
export const TOCI_MAX_DOSES_PER_24H = 3;
export const TOCI_MAX_DOSES_TOTAL = 4;

const DAY_MS = 24 * HOUR_MS;

export interface TocilizumabDose {
  /** Recommended dose: rounded to the nearest mg and capped at 800 mg; null without a weight. */
  doseMg: number | null;
  /** mg/kg x kg before rounding and before the cap (what TOCI_DOSE_OVER_WEIGHT_BASED compares to). */
  weightBasedMg: number | null;
  mgPerKg: number | null;
  /** "8 mg/kg x 70 kg" */
  basis: string | null;
  reason: Reason;
}

/** TOCI-DOSE: 12 mg/kg under 30 kg, else 8 mg/kg; nearest whole mg; never above 800 mg. */
export function tocilizumabDose(weightKg: number | null | undefined): TocilizumabDose {
  if (weightKg == null) {
    return {
      doseMg: null,
      weightBasedMg: null,
      mgPerKg: null,
      basis: null,
      reason: {
        rule: "TOCI-DOSE",
        text: "Weight not charted: tocilizumab 8 mg/kg (12 mg/kg under 30 kg), max 800 mg, cannot be calculated (TOCI-DOSE)",
      },
    };
  }
  const mgPerKg = weightKg < TOCI_PAEDIATRIC_WEIGHT_BELOW_KG ? TOCI_MG_PER_KG_UNDER_30KG : TOCI_MG_PER_KG_FROM_30KG;
  const weightBasedMg = mgPerKg * weightKg;
  const rounded = Math.round(weightBasedMg);
  const doseMg = rounded > TOCI_MAX_SINGLE_DOSE_MG ? TOCI_MAX_SINGLE_DOSE_MG : rounded;
  const basis = `${mgPerKg} mg/kg x ${num(weightKg)} kg`;
  const capped = rounded > TOCI_MAX_SINGLE_DOSE_MG ? `, capped at ${TOCI_MAX_SINGLE_DOSE_MG} mg` : "";
  return {
    doseMg,
    weightBasedMg,
    mgPerKg,
    basis,
    reason: { rule: "TOCI-DOSE", text: `Tocilizumab ${doseMg} mg (${basis}${capped}) (TOCI-DOSE)` },
  };
}

/** The TOCI-DOSE recommendation in mg, or null when no weight is charted. */
export function recommendedDoseMg(weightKg: number | null | undefined): number | null {
  return tocilizumabDose(weightKg).doseMg;
}

export interface DoseFlags {
  /** 1 for the first tocilizumab dose charted. */
  doseNumber: number;
  flags: TociFlag[];
  reasons: Reason[];
}

/**
 * Flags on one charted tocilizumab dose, given the doses charted before it (ascending times).
 * A flagged dose is still a dose: it counts towards every later limit. TIE: the caller passes
 * other doses at the same instant as previous doses (each dose at one instant counts the others),
 * and `doseNumber` to label the dose by its place in the timeline (the count decides the flags).
 */
export function tocilizumabFlags(
  dose: { atMs: number; doseMg: number },
  previousDoseTimes: readonly number[],
  weightKg: number | null | undefined,
  settings: Pick<EngineSettings, "tociMinIntervalHours">,
  label: { doseNumber?: number } = {},
): DoseFlags {
  const count = previousDoseTimes.length + 1;
  const doseNumber = label.doseNumber ?? count;
  const flags: TociFlag[] = [];
  const recommended = tocilizumabDose(weightKg);
  const reasons: Reason[] = [
    {
      rule: "TOCI-DOSE",
      text:
        `Tocilizumab dose ${doseNumber} (at most ${TOCI_MAX_DOSES_TOTAL} in total): ${num(dose.doseMg)} mg` +
        (recommended.doseMg === null ? "; weight not charted" : `; recommended ${recommended.doseMg} mg (${recommended.basis})`) +
        " (TOCI-DOSE)",
    },
  ];

  // Window (t - 24 h, t]: a dose exactly 24 h earlier is outside it.
  const windowStart = dose.atMs - DAY_MS;
  const inWindow = 1 + previousDoseTimes.filter((time) => time > windowStart).length;
  if (inWindow > TOCI_MAX_DOSES_PER_24H) {
    flags.push("TOCI_MAX_3_PER_24H");
    reasons.push({
      rule: "TOCI_MAX_3_PER_24H",
      text: `${inWindow} doses in the 24 h ending at this dose (after ${formatInstant(windowStart)}); at most ${TOCI_MAX_DOSES_PER_24H} in 24 h (TOCI_MAX_3_PER_24H)`,
    });
  }
  if (count > TOCI_MAX_DOSES_TOTAL) {
    flags.push("TOCI_MAX_4_TOTAL");
    reasons.push({
      rule: "TOCI_MAX_4_TOTAL",
      text: `Dose ${count}: at most ${TOCI_MAX_DOSES_TOTAL} tocilizumab doses in total (TOCI_MAX_4_TOTAL)`,
    });
  }
  const previous = previousDoseTimes.at(-1);
  if (previous !== undefined) {
    const sincePrevious = dose.atMs - previous;
    if (sincePrevious < settings.tociMinIntervalHours * HOUR_MS) {
      flags.push("TOCI_INTERVAL_UNDER_8H");
      reasons.push({
        rule: "TOCI_INTERVAL_UNDER_8H",
        text:
          label.doseNumber === undefined || label.doseNumber === count
            ? `Dose ${doseNumber} given ${formatDuration(sincePrevious)} after dose ${doseNumber - 1}; minimum interval is ${formatHours(settings.tociMinIntervalHours)} (TOCI_INTERVAL_UNDER_8H)`
            : `Dose ${doseNumber} given ${formatDuration(sincePrevious)} after another dose at ${formatInstant(previous)}; minimum interval is ${formatHours(settings.tociMinIntervalHours)} (TOCI_INTERVAL_UNDER_8H)`,
      });
    }
  }
  if (dose.doseMg > TOCI_MAX_SINGLE_DOSE_MG) {
    flags.push("TOCI_DOSE_OVER_800MG");
    reasons.push({
      rule: "TOCI_DOSE_OVER_800MG",
      text: `${num(dose.doseMg)} mg is above the ${TOCI_MAX_SINGLE_DOSE_MG} mg maximum single dose (TOCI_DOSE_OVER_800MG)`,
    });
  }
  // Compared in whole numbers (dose x 100 > weight-based x 110) so 616 mg for 560 mg is not flagged by rounding noise.
  if (
    recommended.weightBasedMg !== null &&
    dose.doseMg * 100 > recommended.weightBasedMg * (100 + TOCI_WEIGHT_TOLERANCE_PERCENT)
  ) {
    flags.push("TOCI_DOSE_OVER_WEIGHT_BASED");
    reasons.push({
      rule: "TOCI_DOSE_OVER_WEIGHT_BASED",
      text: `${num(dose.doseMg)} mg is more than ${TOCI_WEIGHT_TOLERANCE_PERCENT} % above the weight-based dose of ${num(Math.round(recommended.weightBasedMg * 10) / 10)} mg (${recommended.basis}, before the 800 mg cap) (TOCI_DOSE_OVER_WEIGHT_BASED)`,
    });
  }
  return { doseNumber, flags, reasons };
}

export interface NextDose {
  /** TOCI-NEXT: earliest instant >= now with no interval or count flag; null once 4 doses were given. */
  atMs: number | null;
  /** The same instant before taking now into account (when the redose clock runs out); null as above. */
  dueMs: number | null;
  reasons: Reason[];
}

/**
 * TOCI-NEXT: max(now, last dose + minimum interval, third-most-recent dose + 24 h when 3 or more
 * were given); none once 4 doses have been given.
 */
export function nextEligibleDose(
  doseTimes: readonly number[],
  nowMs: number,
  settings: Pick<EngineSettings, "tociMinIntervalHours">,
): NextDose {
  const count = doseTimes.length;
  const last = doseTimes.at(-1);
  if (last === undefined) {
    return {
      atMs: nowMs,
      dueMs: null,
      reasons: [{ rule: "TOCI-NEXT", text: "No tocilizumab given yet: eligible now (TOCI-NEXT)" }],
    };
  }
  if (count >= TOCI_MAX_DOSES_TOTAL) {
    return {
      atMs: null,
      dueMs: null,
      reasons: [
        {
          rule: "TOCI-NEXT",
          text: `${count} doses given: the limit of ${TOCI_MAX_DOSES_TOTAL} is reached; consider siltuximab, anakinra or steroids (TOCI-NEXT)`,
        },
      ],
    };
  }
  let dueMs = last + settings.tociMinIntervalHours * HOUR_MS;
  let why = `${formatHours(settings.tociMinIntervalHours)} after dose ${count} at ${formatInstant(last)}`;
  // With 3 or more given, a 4th within 24 h of the third-most-recent would break TOCI_MAX_3_PER_24H.
  const thirdMostRecent = doseTimes.at(-TOCI_MAX_DOSES_PER_24H);
  if (thirdMostRecent !== undefined) {
    const dayLater = thirdMostRecent + DAY_MS;
    if (dayLater > dueMs) {
      dueMs = dayLater;
      why = `24 h after dose ${count - TOCI_MAX_DOSES_PER_24H + 1} at ${formatInstant(thirdMostRecent)}, so that no more than ${TOCI_MAX_DOSES_PER_24H} fall in 24 h`;
    }
  }
  const atMs = dueMs > nowMs ? dueMs : nowMs;
  const when = dueMs > nowMs ? `from ${formatInstant(dueMs)}` : "now";
  return { atMs, dueMs, reasons: [{ rule: "TOCI-NEXT", text: `Next tocilizumab dose eligible ${when} (${why}) (TOCI-NEXT)` }] };
}

/** Doses in the 24 h ending at now, (now - 24 h, now]. */
export function dosesInLast24h(doseTimes: readonly number[], nowMs: number): number {
  let count = 0;
  for (const at of doseTimes) if (at > nowMs - DAY_MS && at <= nowMs) count++;
  return count;
}

/**
 * TOCI_REDOSE: from the last tocilizumab dose to TOCI-NEXT, shown only while the current grade is
 * 2 or more (a redose is only owed while CRS needs it) and fewer than 4 doses have been given.
 */
export function tociRedoseTimer(
  lastDose: { at: string; atMs: number } | null,
  dosesTotal: number,
  dueMs: number | null,
  currentGrade: CrsGrade,
  nowMs: number,
): Timer | null {
  if (!lastDose || dueMs === null || dosesTotal >= TOCI_MAX_DOSES_TOTAL) return null;
  if (currentGrade < 2 || currentGrade === 5) return null;
  const status: TimerStatus = nowMs >= dueMs ? "overdue" : "running";
  const reasons: Reason[] = [
    {
      rule: "TOCI_REDOSE",
      text: `Grade ${currentGrade} after tocilizumab dose ${dosesTotal} at ${formatInstant(lastDose.atMs)}: repeat if no improvement, eligible from ${formatInstant(dueMs)} per TOCI-NEXT (TOCI_REDOSE)`,
    },
  ];
  if (status === "overdue") {
    reasons.push({ rule: "TOCI_REDOSE", text: `Redose eligible now, still grade ${currentGrade} (TOCI_REDOSE)` });
  }
  return { kind: "TOCI_REDOSE", startedAt: lastDose.at, dueAt: toIsoUtc(dueMs), status, reasons };
}
