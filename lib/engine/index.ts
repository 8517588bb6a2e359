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
export { feverStatus, gradeCrs, hypotensionAxis, hypoxiaAxis, meanArterialPressure, maskingReason } from "./crs-grade";
export type { CrsGradeResult, EpisodeContext, FeverResult, HypotensionResult, OxygenResult } from "./crs-grade";
export { gradeIcans, iceGrade, type IcansResult } from "./icans";
export {
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
  escalationTimers,
  GRADE1_RULE,
  GRADE2_RULE,
  iceDueTimer,
  notImprovementBecause,
  observationDueTimer,
  tociRedoseTimer,
  type GradedPoint,
} from "./timers";
export { recommend, type RecommendationContext } from "./recommendations";
export { compareGrades, icansAlert, lateEntryAlerts, steroidProphylaxisAlert, type GradeChange } from "./alerts";
export { formatDuration, formatInstant, parseInstant, toIsoUtc, isInstant } from "./time";
export * from "./rules";
export * from "./types";
