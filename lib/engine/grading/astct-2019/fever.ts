/** ASTCT-FEVER (CLINICAL-RULES.md section 2). */
import { celsiusText } from "../../temperature-text";
import type { Reason } from "../../types";

/** ASTCT-FEVER: fever is >= 38.0 °C (a fixed ASTCT threshold, not a setting). */
export const FEVER_THRESHOLD_C = 38.0;

export interface FeverResult {
  /** null: temperature not charted. */
  febrile: boolean | null;
  reason: Reason;
}

/** ASTCT-FEVER: fever is >= 38.0 °C; 37.9 is not fever. */
export function isFebrile(temperatureC: number): boolean {
  return temperatureC >= FEVER_THRESHOLD_C;
}

/** ASTCT-FEVER with its reason; febrile null when no temperature is charted. */
export function feverStatus(temperatureC: number | null | undefined): FeverResult {
  if (temperatureC == null) {
    return { febrile: null, reason: { rule: "ASTCT-FEVER", text: "Temperature not charted (ASTCT-FEVER)" } };
  }
  const febrile = isFebrile(temperatureC);
  const text = `${febrile ? "Fever" : "No fever"}: ${celsiusText(temperatureC)} °C (fever is >= 38.0 °C) (ASTCT-FEVER)`;
  return { febrile, reason: { rule: "ASTCT-FEVER", text } };
}
