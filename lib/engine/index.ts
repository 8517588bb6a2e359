/**
 * CRS Watch clinical engine: pure functions, no clock, no I/O. `now` is part of the input.
 * See docs/EXCHANGE-FORMAT.md for the input/output format and rule IDs.
 */
export { evaluateTimeline, masksFever, MissingNowError } from "./timeline";
export { DEFAULT_SETTINGS, resolveSettings, type EngineSettings } from "./settings";
export * from "./schema";
export {
  describeIssues,
  formatIssues,
  formatPath,
  parseTimelineInput,
  parseTimelineJson,
  type FieldIssue,
  type ParseResult,
} from "./validation";
export {
  FEVER_THRESHOLD_C,
  feverStatus,
  gradeCrs,
  HYPOTENSION_MAP_BELOW,
  HYPOTENSION_SYSTOLIC_BELOW,
  hypotensionAxis,
  hypoxiaAxis,
  LOW_FLOW_MAX_LPM,
  maskingReason,
  meanArterialPressure,
} from "./crs-grade";
export type { CrsGradeResult, EpisodeContext, FeverResult, HypotensionResult, OxygenResult } from "./crs-grade";
export { gradeIcans, iceGrade, type IcansResult } from "./icans";
export {
  TOCI_MAX_DOSES_PER_24H,
  TOCI_MAX_DOSES_TOTAL,
  TOCI_MAX_SINGLE_DOSE_MG,
  TOCI_MG_PER_KG_FROM_30KG,
  TOCI_MG_PER_KG_UNDER_30KG,
  TOCI_PAEDIATRIC_WEIGHT_BELOW_KG,
  TOCI_WEIGHT_TOLERANCE_PERCENT,
  dosesInLast24h,
  nextEligibleDose,
  recommendedDoseMg,
  tocilizumabDose,
  tocilizumabFlags,
  type DoseFlags,
  type NextDose,
  type TocilizumabDose,
} from "./tocilizumab";
export {
  ESCALATION_WINDOW_HOURS,
  escalationTimers,
  GRADE1_RULE,
  GRADE2_RULE,
  iceDueTimer,
  notImprovementBecause,
  observationDueTimer,
  tociRedoseTimer,
  type SeriesPoint,
  type TimedObservation,
} from "./timers";
export { recommend, type RecommendationContext } from "./recommendations";
export { compareGrades, icansAlert, lateEntryAlerts, steroidProphylaxisAlert, type GradeChange } from "./alerts";
export {
  chartingAfter,
  infusionsInEffect,
  type CarriedInfusions,
  type ChartedInfusions,
  type InfusionsInEffect,
} from "./vasopressors";
export { formatDuration, formatInstant, HOUR_MS, isInstant, MINUTE_MS, parseInstant, toIsoUtc } from "./time";
export * from "./types";
