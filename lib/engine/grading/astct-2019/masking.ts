/**
 * ASTCT-MASK (CLINICAL-RULES.md section 2): from the first antipyretic or anti-cytokine /
 * immunosuppressive drug given at or after the onset, fever is no longer required to grade CRS.
 */
import type { EngineSettings } from "../../settings";
import { formatInstant } from "../../time";
import type { Reason } from "../../types";
import { ANTI_CYTOKINE_DRUGS, ANTIPYRETIC_DRUGS, drugLabel } from "../../vocabulary";
import type { ChartedDose } from "../types";

/** The dose from which fever is masked, with the reason shown on every observation it applies to. */
export interface Masking {
  atMs: number;
  reason: Reason;
}

/** ASTCT-MASK: anti-cytokine/immunosuppressive drugs always; antipyretics only with the setting. */
export function masksFever(drug: string, settings: Pick<EngineSettings, "antipyreticsMaskFever">): boolean {
  return ANTI_CYTOKINE_DRUGS.has(drug) || (settings.antipyreticsMaskFever && ANTIPYRETIC_DRUGS.has(drug));
}

/** ASTCT-MASK reason for observations at or after the first masking drug. */
export function maskingReason(drug: string, atMs: number): Reason {
  return {
    rule: "ASTCT-MASK",
    text: `Fever not required: ${drugLabel(drug).toLowerCase()} given ${formatInstant(atMs)}, at or after the onset (ASTCT-MASK)`,
  };
}

export interface FeverMasking {
  /** The first masking dose at or after the onset, or null. */
  masking: Masking | null;
  /** What ASTCT-MASK says about each dose, same order as the doses (may be empty). */
  doseReasons: Reason[][];
}

/** ASTCT-MASK over the doses in time order, given the onset (null: no episode yet). */
export function feverMasking(
  doses: readonly ChartedDose[],
  onsetMs: number | null,
  settings: Pick<EngineSettings, "antipyreticsMaskFever">,
): FeverMasking {
  let masking: Masking | null = null;
  const doseReasons: Reason[][] = [];
  for (const { medication, atMs } of doses) {
    const reasons: Reason[] = [];
    if (masksFever(medication.drug, settings)) {
      if (onsetMs === null || atMs < onsetMs) {
        reasons.push({
          rule: "ASTCT-MASK",
          text: "Given before any CRS onset (premedication): does not mask fever (ASTCT-MASK)",
        });
      } else if (masking === null) {
        masking = { atMs, reason: maskingReason(medication.drug, atMs) };
        reasons.push({ rule: "ASTCT-MASK", text: "From this dose on, fever is no longer required to grade CRS (ASTCT-MASK)" });
      }
    } else if (ANTIPYRETIC_DRUGS.has(medication.drug)) {
      reasons.push({
        rule: "ASTCT-MASK",
        text: "Antipyretics do not mask fever with the current setting (antipyreticsMaskFever false) (ASTCT-MASK)",
      });
    }
    doseReasons.push(reasons);
  }
  return { masking, doseReasons };
}
