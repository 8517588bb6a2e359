/**
 * Management recommendations for the current state (CLINICAL-RULES.md section 6). Each names its
 * rule; they are prompts for the clinician, never orders.
 */
import { formatInstant, parseInstant } from "./time";
import { TOCI_MAX_DOSES_PER_24H, TOCI_MAX_DOSES_TOTAL, type TocilizumabDose } from "./tocilizumab";
import type { CrsGrade, HypotensionAxisGrade, Recommendation, Timer } from "./types";
import { drugLabel } from "./vocabulary";

export interface RecommendationContext {
  currentGrade: CrsGrade;
  /** Hypotension axis of the latest observation. */
  currentHypotensionAxis: HypotensionAxisGrade;
  nowMs: number;
  dose: TocilizumabDose;
  dosesTotal: number;
  /** Doses that would share a 24 h window with a dose given now, (now - 24 h, now]. */
  dosesLast24h: number;
  /** TOCI-NEXT, null once the total limit is reached. */
  nextEligibleMs: number | null;
  /** Tocilizumab doses given before the latest observation. */
  tociDosesBeforeLatest: number;
  /** A corticosteroid given before the latest observation. */
  steroidBeforeLatest: boolean;
  /** The first corticosteroid charted (ALERT-STEROID-PROPHYLAXIS). */
  firstSteroid: { drug: string; atMs: number } | null;
  /** Escalation clocks that ran out and are still open (closedAt null). */
  grade2Overdue: Timer | null;
  grade1Overdue: Timer | null;
}

function tocilizumabLine(context: RecommendationContext, why: string): Recommendation | null {
  if (context.dosesTotal >= TOCI_MAX_DOSES_TOTAL || context.nextEligibleMs === null) return null;
  const { dose } = context;
  const amount =
    dose.doseMg === null
      ? "8 mg/kg IV (12 mg/kg under 30 kg, max 800 mg; weight not charted)"
      : `${dose.doseMg} mg IV (${dose.basis}, max 800 mg)`;
  const when =
    context.nextEligibleMs > context.nowMs
      ? `next eligible ${formatInstant(context.nextEligibleMs)} (TOCI-NEXT)`
      : "eligible now";
  return {
    rule: "TOCI-DOSE",
    text: `${why}: tocilizumab ${amount}, dose ${context.dosesTotal + 1} of at most ${TOCI_MAX_DOSES_TOTAL}, ${when} (TOCI-DOSE)`,
  };
}

export function recommend(context: RecommendationContext): Recommendation[] {
  const out: Recommendation[] = [];
  const grade = context.currentGrade;
  if (grade === 5) return out;

  if (grade === 1) {
    out.push({
      rule: "ASTCT-G1",
      text: "Grade 1: antipyretics and fluids; infection work-up (blood and urine cultures); empiric antibiotics if neutropenic (ASTCT-G1)",
    });
    out.push({
      rule: "ASTCT-G1",
      text: "Consider tocilizumab if fever lasts more than 24 h or the patient is at high risk (ASTCT-G1)",
    });
  }
  if (context.grade1Overdue) {
    out.push({
      rule: "ASTCT-G1",
      timer: "GRADE1_PROLONGED_24H",
      text: `Fever for more than 24 h (grade 1 since ${formatInstant(parseInstant(context.grade1Overdue.startedAt))}): consider tocilizumab (GRADE1_PROLONGED_24H overdue) (ASTCT-G1)`,
    });
    const toci = tocilizumabLine(context, "Fever for more than 24 h");
    if (toci) out.push(toci);
  }
  if (grade === 2) {
    out.push({
      rule: "ASTCT-G2",
      text: "Grade 2: tocilizumab, repeated per TOCI-NEXT if no improvement; continuous telemetry and pulse oximetry (ASTCT-G2)",
    });
    if (context.currentHypotensionAxis >= 2 && context.tociDosesBeforeLatest >= 1) {
      out.push({
        rule: "ASTCT-G2",
        text: `Hypotension persisting after ${context.tociDosesBeforeLatest} tocilizumab dose${context.tociDosesBeforeLatest > 1 ? "s" : ""}: dexamethasone 10 mg IV q12h (ASTCT-G2)`,
      });
    } else {
      out.push({
        rule: "ASTCT-G2",
        text: "If hypotension persists after 1-2 tocilizumab doses: dexamethasone 10 mg IV q12h (ASTCT-G2)",
      });
    }
  }
  if (context.grade2Overdue) {
    out.push({
      rule: "ASTCT-G3",
      timer: "GRADE2_NO_IMPROVEMENT_24H",
      text: `No improvement within 24 h of grade 2 (since ${formatInstant(parseInstant(context.grade2Overdue.startedAt))}): escalate to grade 3 management: ICU transfer, dexamethasone 10 mg IV q6h, echocardiogram (GRADE2_NO_IMPROVEMENT_24H overdue) (ASTCT-G3)`,
    });
  }
  if (grade === 3) {
    out.push({ rule: "ASTCT-G3", text: "Grade 3: transfer to ICU; echocardiogram (ASTCT-G3)" });
    out.push({ rule: "ASTCT-G3", text: "Dexamethasone 10 mg IV q6h (ASTCT-G3)" });
    out.push({ rule: "ASTCT-G3", text: "Tocilizumab as for grade 2 if the limits allow (ASTCT-G3)" });
  }
  if (grade === 4) {
    out.push({ rule: "ASTCT-G4", text: "Grade 4: ICU care (ASTCT-G4)" });
    out.push({ rule: "ASTCT-G4", text: "High-dose methylprednisolone 500-1000 mg IV q12h for 3 days, then taper (ASTCT-G4)" });
  }
  if (grade >= 2) {
    const toci = tocilizumabLine(context, `Grade ${grade}`);
    if (toci) out.push(toci);

    const totalReached = context.dosesTotal >= TOCI_MAX_DOSES_TOTAL;
    const dailyReached = context.dosesLast24h >= TOCI_MAX_DOSES_PER_24H;
    if (totalReached || dailyReached) {
      const limit = totalReached
        ? `${context.dosesTotal} doses given, the limit is ${TOCI_MAX_DOSES_TOTAL}`
        : `${context.dosesLast24h} doses in the last 24 h, the limit is ${TOCI_MAX_DOSES_PER_24H}`;
      out.push({
        rule: "ASTCT-REFRACTORY",
        text: `Grade ${grade} with tocilizumab limits reached (${limit}): consider anakinra, siltuximab, ruxolitinib (ASTCT-REFRACTORY)`,
      });
    } else if (context.tociDosesBeforeLatest >= 1 && context.steroidBeforeLatest) {
      out.push({
        rule: "ASTCT-REFRACTORY",
        text: `Grade ${grade} after tocilizumab and corticosteroids: if no response, consider anakinra, siltuximab, ruxolitinib (ASTCT-REFRACTORY)`,
      });
    }
  }
  if (context.firstSteroid) {
    out.push({
      rule: "ALERT-STEROID-PROPHYLAXIS",
      text: `On corticosteroids (${drugLabel(context.firstSteroid.drug).toLowerCase()} since ${formatInstant(context.firstSteroid.atMs)}): consider antifungal prophylaxis (ALERT-STEROID-PROPHYLAXIS)`,
    });
  }
  return out;
}
