/**
 * Fixed thresholds of the clinical rules (shared/CLINICAL-RULES.md). Local-protocol choices are
 * settings (settings.ts); these are not, because changing them changes the published grading.
 */

/** ASTCT-FEVER: fever is >= 38.0 °C. */
export const FEVER_THRESHOLD_C = 38.0;
/** ASTCT-HYPOTENSION: systolic below this is hypotension. */
export const HYPOTENSION_SYSTOLIC_BELOW = 90;
/** ASTCT-HYPOTENSION: mean arterial pressure below this is hypotension. */
export const HYPOTENSION_MAP_BELOW = 65;
/** ASTCT-HYPOXIA: nasal cannula up to and including this flow is low flow (grade 2). */
export const LOW_FLOW_MAX_LPM = 6;

/** TOCI-DOSE */
export const TOCI_MG_PER_KG_UNDER_30KG = 12;
export const TOCI_MG_PER_KG_FROM_30KG = 8;
export const TOCI_PAEDIATRIC_WEIGHT_BELOW_KG = 30;
export const TOCI_MAX_SINGLE_DOSE_MG = 800;
/** TOCI_DOSE_OVER_WEIGHT_BASED: flagged when more than 10 % above the weight-based dose. */
export const TOCI_WEIGHT_TOLERANCE_PERCENT = 10;
export const TOCI_MAX_DOSES_PER_24H = 3;
export const TOCI_MAX_DOSES_TOTAL = 4;

/** GRADE2_NO_IMPROVEMENT_24H and GRADE1_PROLONGED_24H run for 24 h. */
export const ESCALATION_WINDOW_HOURS = 24;

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
