/**
 * Output of the engine (the names are part of the exchange format, docs/EXCHANGE-FORMAT.md).
 * Input types are inferred from the zod schema so the two cannot drift apart.
 */
export type { TimelineInput, PatientInput, ObservationInput, MedicationInput, OxygenInput, VasopressorInput } from "./schema";

/** Why a result is what it is: the rule ID and one line a clinician can check. */
export interface Reason {
  rule: string;
  text: string;
}

/** ASTCT CRS grade; 5 only when death attributed to CRS is charted. */
export type CrsGrade = 0 | 1 | 2 | 3 | 4 | 5;
export type IcansGrade = 0 | 1 | 2 | 3 | 4;
export type HypotensionAxisGrade = 0 | 2 | 3 | 4;
export type OxygenAxisGrade = 0 | 2 | 3 | 4;

export interface GradedObservation {
  id: string;
  at: string;
  grade: CrsGrade;
  /** null: no neurological data charted (not assessed), which is not the same as grade 0. */
  icansGrade: IcansGrade | null;
  /** true/false from the charted temperature; null when no temperature was charted. */
  febrile: boolean | null;
  hypotensionAxis: HypotensionAxisGrade;
  oxygenAxis: OxygenAxisGrade;
  reasons: Reason[];
}

export const TOCI_FLAGS = [
  "TOCI_MAX_3_PER_24H",
  "TOCI_MAX_4_TOTAL",
  "TOCI_INTERVAL_UNDER_8H",
  "TOCI_DOSE_OVER_800MG",
  "TOCI_DOSE_OVER_WEIGHT_BASED",
] as const;
export type TociFlag = (typeof TOCI_FLAGS)[number];

export interface GradedMedication {
  id: string;
  at: string;
  drug: string;
  doseMg: number;
  route: string | null;
  flags: TociFlag[];
  reasons: Reason[];
  /** Tocilizumab only: 1 for the first dose charted, 2 for the second... */
  doseNumber?: number;
}

export const TIMER_KINDS = ["GRADE2_NO_IMPROVEMENT_24H", "GRADE1_PROLONGED_24H", "TOCI_REDOSE", "OBS_DUE", "ICE_DUE"] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export const TIMER_STATUSES = ["running", "resolved", "superseded", "overdue"] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

export interface Timer {
  kind: TimerKind;
  startedAt: string;
  dueAt: string;
  status: TimerStatus;
  reasons: Reason[];
  /**
   * Escalation timers only: when the condition cleared or worsened (the observation that closed
   * the timer), or null while it is still open. An overdue timer keeps status "overdue" after a
   * later improvement (the escalation was owed from dueAt) but then has closedAt set.
   */
  closedAt?: string | null;
}

export interface TocilizumabSummary {
  dosesTotal: number;
  /** Doses in the 24 h ending at now, (now - 24 h, now]. */
  dosesLast24h: number;
  remainingTotal: number;
  /** TOCI-NEXT; null once the total limit has been reached. */
  nextEligibleAt: string | null;
  /** TOCI-DOSE; null when no weight is charted. */
  recommendedDoseMg: number | null;
}

export interface Recommendation {
  rule: string;
  text: string;
  /** Present when the recommendation comes from an escalation timer. */
  timer?: TimerKind;
}

export interface Alert {
  rule: string;
  text: string;
  at: string;
  observationId?: string;
  medicationId?: string;
  /** ALERT-LATE-ENTRY: the grade before and after the late entry. */
  oldGrade?: CrsGrade;
  newGrade?: CrsGrade;
}

export interface TimelineOutput {
  observations: GradedObservation[];
  medications: GradedMedication[];
  currentGrade: CrsGrade;
  maxGrade: CrsGrade;
  currentIcansGrade: IcansGrade | null;
  episodeStartedAt: string | null;
  timers: Timer[];
  tocilizumab: TocilizumabSummary;
  recommendations: Recommendation[];
  alerts: Alert[];
}
