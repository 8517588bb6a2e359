// Which tocilizumab limits a dose would break (CLINICAL-RULES.md section 4), asked of the engine
// itself: the doses already charted are graded with and without the candidate. A dose charted
// behind others (a late entry) can also put a later dose over a limit; that counts as this dose's
// flag too, because charting it is what breaks the limit.
import {
  evaluateTimeline,
  formatInstant,
  parseInstant,
  tocilizumabDose,
  type MedicationInput,
  type Reason,
  type TimelineOutput,
  type TociFlag,
} from "@/lib/engine";
import type { DoseLimitConflict } from "@/lib/write-result";
import { patientForEngine, type GradingPatient } from "@/lib/facts/grading-patient";
import { doseForEngine, ENTERED_IN_ERROR } from "@/lib/timeline/engine-input";
import type { DoseVersion } from "@/lib/timeline/facts";

/** The engine id of the dose being checked. "~" sorts after every stored id, so at the same instant it counts as given after them. */
const CANDIDATE_ID = "~candidate";

export interface DoseLimitCheck {
  flags: TociFlag[];
  reasons: Reason[];
  /** Tocilizumab only: which dose this would be (1 = first). */
  doseNumber: number | null;
  /** TOCI-NEXT given the doses already charted; null once 4 were given. */
  nextEligibleAt: string | null;
  /** TOCI-DOSE; null without a weight. */
  recommendedDoseMg: number | null;
  /** "8 mg/kg × 70 kg = 560 mg (TOCI-DOSE)"; null for other drugs. */
  calculation: string | null;
  /** The counters as they are before this dose (TOCI-MAX): given in all, in the 24 h ending now, left. */
  dosesTotal: number;
  dosesLast24h: number;
  remainingTotal: number;
  /** TOCI-WEIGHT: the weight this dose is measured against (the latest at or before it); null without one. */
  weightUsed: { kg: number; measuredAt: string | null } | null;
  /** ALERT-WEIGHT-STALE for this dose (re-weigh), or null. */
  weightStale: string | null;
}

export interface CandidateDose {
  drug: string;
  doseMg: number;
  route: string;
  effectiveAt: string;
}

function tocilizumabOnly(patient: GradingPatient, doses: MedicationInput[], now: Date): TimelineOutput {
  return evaluateTimeline({
    patient: patientForEngine(patient),
    observations: [],
    medications: doses,
    now: now.toISOString(),
  });
}

/** "8 mg/kg × 70 kg = 560 mg (TOCI-DOSE)", "8 mg/kg × 110 kg = 880 mg, capped at 800 mg (TOCI-DOSE)". */
export function doseCalculation(weightKg: number): string {
  const dose = tocilizumabDose(weightKg);
  if (dose.mgPerKg === null || dose.weightBasedMg === null || dose.doseMg === null) return dose.reason.text;
  const uncapped = Math.round(dose.weightBasedMg);
  const capped = uncapped !== dose.doseMg ? `, capped at ${dose.doseMg} mg` : "";
  return `${dose.mgPerKg} mg/kg × ${weightKg} kg = ${uncapped} mg${capped} (TOCI-DOSE)`;
}

/**
 * The limits `candidate` would break given `charted` (the current versions of the patient's
 * doses, without the one being amended). Pure: same facts and now, same answer.
 */
export function checkDoseLimits(
  patient: GradingPatient,
  charted: readonly DoseVersion[],
  candidate: CandidateDose,
  now: Date,
): DoseLimitCheck {
  // Every dose, not only those charted as "tocilizumab": the engine codes each name (DRUG-CODES),
  // so a dose charted as Actemra before names were checked still counts.
  const tocilizumab = charted.filter((row) => row.status !== ENTERED_IN_ERROR).map((row) => doseForEngine(row, now));
  const before = tocilizumabOnly(patient, tocilizumab, now);
  const situation = {
    nextEligibleAt: before.tocilizumab.nextEligibleAt,
    recommendedDoseMg: before.tocilizumab.recommendedDoseMg,
    dosesTotal: before.tocilizumab.dosesTotal,
    dosesLast24h: before.tocilizumab.dosesLast24h,
    remainingTotal: before.tocilizumab.remainingTotal,
  };
  if (candidate.drug !== "tocilizumab") {
    return { flags: [], reasons: [], doseNumber: null, calculation: null, weightUsed: null, weightStale: null, ...situation };
  }
  const after = tocilizumabOnly(
    patient,
    [
      ...tocilizumab,
      { id: CANDIDATE_ID, at: candidate.effectiveAt, drug: candidate.drug, doseMg: candidate.doseMg, route: null },
    ],
    now,
  );
  const graded = after.medications.find((dose) => dose.id === CANDIDATE_ID)!;
  const flags = new Set<TociFlag>(graded.flags);
  const reasons: Reason[] = [...graded.reasons];
  const flagsBefore = new Map(before.medications.map((dose) => [dose.id, new Set(dose.flags)]));
  for (const dose of after.medications) {
    if (dose.id === CANDIDATE_ID) continue;
    for (const reason of dose.reasons) {
      const flag = reason.rule as TociFlag;
      if (!dose.flags.includes(flag) || flagsBefore.get(dose.id)?.has(flag)) continue;
      flags.add(flag);
      reasons.push({
        rule: flag,
        text: `Charting this dose puts dose ${dose.doseNumber} (${formatInstant(parseInstant(dose.at))}) over a limit: ${reason.text}`,
      });
    }
  }
  const weightUsed = graded.weightUsed ?? null;
  const stale = after.alerts.find((alert) => alert.rule === "ALERT-WEIGHT-STALE" && alert.medicationId === CANDIDATE_ID);
  return {
    flags: [...flags].sort(),
    reasons,
    doseNumber: graded.doseNumber ?? null,
    calculation: weightUsed ? doseCalculation(weightUsed.kg) : null,
    weightUsed,
    weightStale: stale ? stale.text : null,
    ...situation,
  };
}

/** Flags compared as sets: no flags and none confirmed is a match. */
export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((flag) => right.has(flag));
}

export function limitConflict(check: DoseLimitCheck): DoseLimitConflict {
  return {
    flags: check.flags,
    reasons: check.reasons,
    nextEligibleAt: check.nextEligibleAt,
    recommendedDoseMg: check.recommendedDoseMg,
  };
}

/** Why a dose's confirmation does not match what the engine says now. */
export function conflictMessage(confirmed: readonly string[], check: DoseLimitCheck): string {
  if (confirmed.length === 0) {
    return `This dose breaks a tocilizumab limit (${check.flags.join(", ")}): review the warning, then confirm it with a reason to chart it.`;
  }
  if (check.flags.length === 0) {
    return "The tocilizumab limits you confirmed no longer apply (the doses changed since): review and chart again.";
  }
  return "The tocilizumab limits changed since you confirmed them (another dose was charted meanwhile): review the new warning and confirm again.";
}
