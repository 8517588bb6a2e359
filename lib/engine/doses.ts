/**
 * Each charted dose with what the rules say about it (CLINICAL-RULES.md section 4): the coded drug
 * (DRUG-CODES), the tocilizumab flags from the whole timeline in effective-time order with the
 * weight that applied at the dose (TOCI-WEIGHT), which flags a physician confirmed (TOCI-CONFIRM),
 * the grading system's ASTCT-MASK reasons, and the corticosteroid note.
 */
import { drugNameForRules, uncodedDrugAlertReason } from "./drug-codes";
import type { ChartedDose, CrsCourseGrades, PatientCourse } from "./grading/types";
import { formatInstant, parseInstant, toIsoUtc } from "./time";
import { tocilizumabFlags } from "./tocilizumab";
import type { Alert, GradedMedication, Reason, TociFlag } from "./types";
import { CORTICOSTEROIDS, DRUGS } from "./vocabulary";
import { weightForDose, type WeightMeasurement } from "./weights";
import type { SteroidDose } from "./steroid-window";

export const KNOWN_DRUGS: ReadonlySet<string> = new Set(DRUGS);

/** What each flag means, as ALERT-UNCONFIRMED-LIMIT names it. */
const FLAG_TEXT: Readonly<Record<TociFlag, string>> = {
  TOCI_MAX_3_PER_24H: "more than 3 doses in 24 h",
  TOCI_MAX_4_TOTAL: "more than 4 doses in total",
  TOCI_INTERVAL_UNDER_8H: "less than the minimum interval since the previous dose",
  TOCI_DOSE_OVER_800MG: "more than 800 mg",
  TOCI_DOSE_OVER_WEIGHT_BASED: "more than 10 % above the weight-based dose",
};

export interface GradedMedications {
  graded: GradedMedication[];
  /** Tocilizumab dose times, ascending. */
  tociTimes: number[];
  lastToci: { at: string; atMs: number } | null;
  steroidDoses: (SteroidDose & { id: string })[];
  /** ALERT-WEIGHT-STALE, ALERT-UNCONFIRMED-LIMIT, ALERT-UNCODED-DRUG. */
  alerts: Alert[];
}

/** TOCI-CONFIRM: the flags confirmed at or before `now` (a confirmation after now has not happened, ASOF). */
function confirmedAsOf(medication: ChartedDose["medication"], nowMs: number): TociFlag[] {
  const flags = medication.confirmedFlags ?? [];
  if (flags.length === 0) return [];
  if (medication.confirmedAt != null && parseInstant(medication.confirmedAt) > nowMs) return [];
  return [...flags];
}

function confirmReasons(medication: ChartedDose["medication"], confirmed: TociFlag[], unconfirmed: TociFlag[]): Reason[] {
  const reasons: Reason[] = [];
  if (confirmed.length > 0) {
    const by = medication.confirmedBy ? ` by ${medication.confirmedBy}` : "";
    const when = medication.confirmedAt ? ` at ${formatInstant(parseInstant(medication.confirmedAt))}` : "";
    reasons.push({ rule: "TOCI-CONFIRM", text: `Confirmed${by}${when}: ${confirmed.join(", ")} (TOCI-CONFIRM)` });
  }
  if (unconfirmed.length > 0) {
    reasons.push({
      rule: "TOCI-CONFIRM",
      text: `Not confirmed: ${unconfirmed.join(", ")}; a physician must confirm with a reason (TOCI-CONFIRM)`,
    });
  }
  return reasons;
}

/**
 * Grade every dose of the course (doses after now are already left out, ASOF). `weights`: the
 * measured weights at or before now (null: no history, `weightKg` applies to every dose).
 */
export function gradeMedications(
  course: PatientCourse,
  crs: CrsCourseGrades,
  patient: { weights: WeightMeasurement[] | null; weightKg: number | null },
  nowMs: number,
): GradedMedications {
  const result: GradedMedications = { graded: [], tociTimes: [], lastToci: null, steroidDoses: [], alerts: [] };
  const tociTimes = course.medications.filter(({ medication }) => medication.drug === "tocilizumab").map(({ atMs }) => atMs);
  course.medications.forEach(({ medication, chartedName, at, atMs }, index) => {
    const reasons: Reason[] = [];
    let flags: TociFlag[] = [];
    let doseNumber: number | undefined;
    let weightUsed: GradedMedication["weightUsed"];
    if (medication.drug === "tocilizumab") {
      doseNumber = result.tociTimes.length + 1;
      // TIE: every other dose at or before this instant counts as previous (ascending times).
      const previous = tociTimes.filter((time) => time <= atMs);
      previous.splice(previous.lastIndexOf(atMs), 1);
      // TOCI-WEIGHT: the latest weight measured at or before this dose.
      const weight = weightForDose(atMs, { weights: patient.weights, weightKg: patient.weightKg }, course.settings);
      const checked = tocilizumabFlags({ atMs, doseMg: medication.doseMg }, previous, weight.kg, course.settings, {
        doseNumber,
      });
      flags = checked.flags;
      reasons.push(...checked.reasons, weight.reason);
      weightUsed =
        weight.kg === null
          ? null
          : { kg: weight.kg, measuredAt: weight.measuredAtMs === null ? null : toIsoUtc(weight.measuredAtMs) };
      if (weight.stale) {
        reasons.push(weight.stale.reason);
        result.alerts.push({ ...weight.stale.reason, at, medicationId: medication.id });
      }
      result.tociTimes.push(atMs);
      result.lastToci = { at, atMs };
    }
    reasons.push(...(crs.doseReasons[index] ?? []));
    if (CORTICOSTEROIDS.has(medication.drug)) {
      result.steroidDoses.push({ id: medication.id, atMs, drug: medication.drug });
      reasons.push({
        rule: "ALERT-STEROID-PROPHYLAXIS",
        text: "Corticosteroid: consider antifungal prophylaxis (ALERT-STEROID-PROPHYLAXIS)",
      });
    }
    const coded = drugNameForRules(chartedName, KNOWN_DRUGS).coded;
    if (!coded) {
      // ALERT-UNCODED-DRUG: a name that is no coded drug masks nothing and counts towards nothing: a person looks.
      result.alerts.push({ ...uncodedDrugAlertReason(chartedName), at, medicationId: medication.id });
    }
    const confirmedFlags = confirmedAsOf(medication, nowMs);
    const unconfirmedFlags = flags.filter((flag) => !confirmedFlags.includes(flag));
    reasons.push(...confirmReasons(medication, confirmedFlags, unconfirmedFlags));
    if (unconfirmedFlags.length > 0) {
      const which = unconfirmedFlags.map((flag) => `${flag} (${FLAG_TEXT[flag]})`).join(", ");
      result.alerts.push({
        rule: "ALERT-UNCONFIRMED-LIMIT",
        text: `Tocilizumab dose ${doseNumber ?? "?"} at ${formatInstant(atMs)} breaks a limit nobody confirmed: ${which}; a physician must confirm with a reason (ALERT-UNCONFIRMED-LIMIT)`,
        at,
        medicationId: medication.id,
      });
    }
    const entry: GradedMedication = {
      id: medication.id,
      at,
      drug: coded ? medication.drug : null,
      chartedName,
      doseMg: medication.doseMg,
      route: medication.route ?? null,
      flags,
      confirmedFlags,
      unconfirmedFlags,
      reasons,
    };
    if (doseNumber !== undefined) entry.doseNumber = doseNumber;
    if (weightUsed !== undefined) entry.weightUsed = weightUsed;
    result.graded.push(entry);
  });
  return result;
}
