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

/** The episode a dose is given in, as the grading walk knows it at the dose's instant. */
export interface DoseEpisode {
  /** The onset of the running episode, or null when none is running. */
  onsetMs: number | null;
  /** The running episode's masking so far (null: none yet). */
  masking: Masking | null;
  /** EPISODE-END: the end of the previous episode when none is running (null: none before). */
  previousEpisodeEndMs?: number | null;
}

/**
 * ASTCT-MASK for one dose: whether it starts the masking of the running episode (the first
 * masking drug at or after its onset), and what to say about it. A drug given while no episode is
 * running (before any fever, or after an episode ended, EPISODE-END) does not mask the next one.
 */
export function doseMasking(
  drug: string,
  atMs: number,
  episode: DoseEpisode,
  settings: Pick<EngineSettings, "antipyreticsMaskFever">,
): { masking: Masking | null; reasons: Reason[] } {
  if (!masksFever(drug, settings)) {
    const reasons: Reason[] = ANTIPYRETIC_DRUGS.has(drug)
      ? [
          {
            rule: "ASTCT-MASK",
            text: "Antipyretics do not mask fever with the current setting (antipyreticsMaskFever false) (ASTCT-MASK)",
          },
        ]
      : [];
    return { masking: null, reasons };
  }
  if (episode.onsetMs === null || atMs < episode.onsetMs) {
    const ended = episode.previousEpisodeEndMs ?? null;
    const text =
      ended !== null && atMs >= ended
        ? `Given after the CRS episode ended at ${formatInstant(ended)}: does not mask fever of a later episode (ASTCT-MASK, EPISODE-END)`
        : "Given before any CRS onset (premedication): does not mask fever (ASTCT-MASK)";
    return { masking: null, reasons: [{ rule: "ASTCT-MASK", text }] };
  }
  if (episode.masking !== null) return { masking: null, reasons: [] };
  return {
    masking: { atMs, reason: maskingReason(drug, atMs) },
    reasons: [{ rule: "ASTCT-MASK", text: "From this dose on, fever is no longer required to grade CRS (ASTCT-MASK)" }],
  };
}

/** ASTCT-MASK over the doses in time order, given one episode's onset (null: no episode yet). */
export function feverMasking(
  doses: readonly ChartedDose[],
  onsetMs: number | null,
  settings: Pick<EngineSettings, "antipyreticsMaskFever">,
): FeverMasking {
  let masking: Masking | null = null;
  const doseReasons: Reason[][] = [];
  for (const { medication, atMs } of doses) {
    const result = doseMasking(medication.drug, atMs, { onsetMs, masking }, settings);
    masking ??= result.masking;
    doseReasons.push(result.reasons);
  }
  return { masking, doseReasons };
}
