/**
 * Output of the engine (the names are part of the exchange format, docs/EXCHANGE-FORMAT.md).
 * Input types are inferred from the zod schema so the two cannot drift apart.
 */
export type {
  AcknowledgementInput,
  MedicationInput,
  ObservationInput,
  ObservationStatus,
  OxygenInput,
  PatientInput,
  PauseInput,
  TimelineInput,
  VasopressorInput,
  WeightInput,
} from "./schema";
import type { ObservationStatus, TaskRole } from "./schema";
import type { News2Band, TociFlag } from "./vocabulary";

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

/** NEWS2 of one charted set (section 7): an incomplete set's score is a lower bound ("at least N"). */
export interface News2Summary {
  score: number;
  complete: boolean;
  band: News2Band;
}

export interface GradedObservation {
  id: string;
  at: string;
  /** OBS-STATUS: refused and not-possible sets have no grade that counts and no NEWS2. */
  status: ObservationStatus;
  grade: CrsGrade;
  /** null when the set is not charted (refused, not possible). */
  news2: News2Summary | null;
  /** null: no neurological data charted (not assessed), which is not the same as grade 0. */
  icansGrade: IcansGrade | null;
  /** true/false from the charted temperature; null when no temperature was charted. */
  febrile: boolean | null;
  hypotensionAxis: HypotensionAxisGrade;
  oxygenAxis: OxygenAxisGrade;
  reasons: Reason[];
}

export { TOCI_FLAGS, type TociFlag } from "./vocabulary";

export interface GradedMedication {
  id: string;
  at: string;
  /** DRUG-CODES: the coded generic the rules read, or null for an uncoded name (ALERT-UNCODED-DRUG). */
  drug: string | null;
  /** The name as charted (a brand, a generic, or free text). */
  chartedName: string;
  doseMg: number;
  route: string | null;
  flags: TociFlag[];
  /** TOCI-CONFIRM: flags a physician confirmed (at or before now). */
  confirmedFlags: TociFlag[];
  /** TOCI-CONFIRM: flags the dose has now that nobody confirmed (ALERT-UNCONFIRMED-LIMIT). */
  unconfirmedFlags: TociFlag[];
  reasons: Reason[];
  /** Tocilizumab only: 1 for the first dose charted, 2 for the second... */
  doseNumber?: number;
  /**
   * Tocilizumab only (TOCI-WEIGHT): the weight the dose was measured against, the latest measured at
   * or before it (measuredAt null for a single `weightKg`); null when no weight is charted.
   */
  weightUsed?: { kg: number; measuredAt: string | null } | null;
}

export const TIMER_KINDS = ["GRADE2_NO_IMPROVEMENT_24H", "GRADE1_PROLONGED_24H", "TOCI_REDOSE", "OBS_DUE", "ICE_DUE"] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** `paused` (OBS-PAUSE): OBS_DUE and ICE_DUE while an observation pause runs at now. */
export const TIMER_STATUSES = ["running", "resolved", "superseded", "overdue", "paused"] as const;
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
  /**
   * The fact that set this timer: for GRADE2_NO_IMPROVEMENT_24H / GRADE1_PROLONGED_24H the set that
   * started the clock; for OBS_DUE the last set, or the pause whose end set the due time; for
   * ICE_DUE the set with the last ICE score (absent when the clock starts at the onset).
   */
  sourceId?: string;
}

export interface TocilizumabSummary {
  dosesTotal: number;
  /** Doses in the 24 h ending at now, (now - 24 h, now]. */
  dosesLast24h: number;
  remainingTotal: number;
  /** TOCI-NEXT; null once the total limit has been reached. */
  nextEligibleAt: string | null;
  /** TOCI-DOSE with the latest weight at or before now (TOCI-WEIGHT); null when no weight is charted. */
  recommendedDoseMg: number | null;
  /** TOCI-WEIGHT: the weight recommendedDoseMg uses; null when no weight is charted. */
  weightKg: number | null;
  /** When that weight was measured; null for a single `weightKg` or no weight. */
  weightMeasuredAt: string | null;
  /** ALERT-WEIGHT-STALE: a dose given now would use a weight more than weightStaleDays old: re-weigh first. */
  weightStale: boolean;
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

/** EPISODE-END: one CRS episode; endedAt null while it runs. */
export interface EpisodeSummary {
  startedAt: string;
  endedAt: string | null;
  maxGrade: CrsGrade;
}

/** ESC (section 8): what a task asks someone to answer. */
export const TASK_KINDS = [
  "ESC_CRS_RISE",
  "ESC_ICANS_RISE",
  "ESC_NEWS2",
  "ESC_TIMER_OVERDUE",
  "ESC_OBS_OVERDUE",
  "ESC_OVERRIDE_UNCONFIRMED",
  "ESC_REPEATED_REFUSAL",
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** A task's status at `now`: `late` once `now` >= respondBy unanswered; `closed` by ESC-CLOSE. */
export const TASK_STATUSES = ["open", "late", "acknowledged", "closed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * An escalation task (section 8), derived from the facts, the acknowledgements and `now` like a
 * grade: never stored, so every evaluation at any `now` gives the same id for the same task.
 */
export interface Task {
  /** `KIND:factId`, the fact that raised it (ESC_CRS_RISE:o17). */
  id: string;
  kind: TaskKind;
  /** Who must answer (a physician may answer a nurse's task, never the reverse). */
  role: TaskRole;
  raisedAt: string;
  respondBy: string;
  status: TaskStatus;
  /** ESC-ACK: the first acknowledgement that counts (its own, or a later one of the same kind). */
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** The id of that acknowledgement. */
  acknowledgementId: string | null;
  /** ESC-CLOSE: when the task closed by itself (a set or a pause; a physician's confirmation), or null. */
  closedAt: string | null;
  /** Open or late: the next instant to notify (respondBy + k x renotifyMinutes, the first >= now); otherwise null. */
  notifyAgainAt: string | null;
  reasons: Reason[];
}

export interface TimelineOutput {
  observations: GradedObservation[];
  medications: GradedMedication[];
  currentGrade: CrsGrade;
  maxGrade: CrsGrade;
  currentIcansGrade: IcansGrade | null;
  /** NEWS2 of the latest charted set (TIE: the highest of sets at that instant), or null. */
  currentNews2: News2Summary | null;
  /** The onset of the latest CRS episode (ASTCT-ONSET, EPISODE-END), null before any fever. */
  episodeStartedAt: string | null;
  episodes: EpisodeSummary[];
  timers: Timer[];
  tocilizumab: TocilizumabSummary;
  recommendations: Recommendation[];
  alerts: Alert[];
  /** ESC (section 8): every task raised up to `now`, in the order raised. */
  tasks: Task[];
}
