/**
 * CRS Watch clinical engine: pure functions, no clock, no I/O. `now` is part of the input.
 * See docs/EXCHANGE-FORMAT.md for the input/output format and rule IDs.
 */
export {
  evaluateLaterObservations,
  evaluateObservations,
  evaluateTimeline,
  MissingNowError,
  type ObservationsWalk,
} from "./timeline";
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
export { crsGradingSystem, DEFAULT_GRADING_SYSTEM, GRADING_SYSTEMS, type GradingSystem } from "./grading/registry";
export type {
  ChartedDose,
  ChartedObservation,
  CrsCourseGrades,
  CrsGradingSystem,
  CrsObservationGrade,
  PatientCourse,
} from "./grading/types";
export { FEVER_THRESHOLD_C, feverStatus, isFebrile, type FeverResult } from "./grading/astct-2019/fever";
export {
  HYPOTENSION_MAP_BELOW,
  HYPOTENSION_SYSTOLIC_BELOW,
  hypotensionAxis,
  meanArterialPressure,
  type HypotensionResult,
  type MeanArterialPressure,
} from "./grading/astct-2019/hypotension";
export { hypoxiaAxis, LOW_FLOW_MAX_LPM, type OxygenResult } from "./grading/astct-2019/hypoxia";
export { feverMasking, maskingReason, masksFever, type FeverMasking, type Masking } from "./grading/astct-2019/masking";
export { gradeAstctCourse } from "./grading/astct-2019/course";
export { gradeCrs, type EpisodeContext } from "./grading/astct-2019/grade";
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
  tociRedoseTimer,
  type DoseFlags,
  type NextDose,
  type TocilizumabDose,
} from "./tocilizumab";
export {
  ESCALATION_WINDOW_HOURS,
  escalationTimers,
  GRADE1_RULE,
  GRADE2_RULE,
  notImprovementBecause,
  seriesPoint,
  type SeriesPoint,
} from "./escalation-clocks";
export {
  iceDueTimer,
  observationDueTimer,
  observationInterval,
  runningPause,
  type CadenceSet,
  type LastSet,
  type ObservationInterval,
  type TimedPause,
} from "./observation-due";
export { deriveTasks, type TaskContext } from "./tasks";
export { outputAtLaterNow, stableUntil } from "./stable-until";
export { obsOverdueTasks, pausedSpans } from "./obs-overdue-tasks";
export { recommend, type RecommendationContext } from "./recommendations";
export { compareGrades, icansAlert, lateEntryAlerts, type GradeChange } from "./alerts";
export { steroidAlertWindow, type SteroidAlertWindow, type SteroidDose } from "./steroid-window";
export {
  carriedByInstant,
  chartingAfter,
  infusionsInEffect,
  type CarriedInfusions,
  type ChartedInfusions,
  type InfusionsInEffect,
} from "./vasopressors";
export { formatDuration, formatInstant, HOUR_MS, isInstant, MINUTE_MS, parseInstant, toIsoUtc } from "./time";
export * from "./types";
export { codeDrug, suggestDrug, type CodedDrug, type DrugCoding, type DrugSuggestion } from "./drug-codes";
