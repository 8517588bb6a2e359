/**
 * The weight a tocilizumab dose is measured against (CLINICAL-RULES.md TOCI-WEIGHT): the
 * weight-based dose and TOCI_DOSE_OVER_WEIGHT_BASED of a dose use the latest weight measured at or
 * before it, so a new weight applies from its measurement on and never re-flags earlier doses.
 * Weights measured after `now` are left out by the caller (ASOF) before they reach this module.
 */
import { DEFAULT_SETTINGS, type EngineSettings } from "./settings";
import { formatInstant } from "./time";
import type { Reason } from "./types";

const DAY_MS = 24 * 3_600_000;

export interface WeightMeasurement {
  /** When the patient was weighed (epoch ms). */
  atMs: number;
  kg: number;
}

export interface PatientWeights {
  /** The weight history; when it has any entry it decides and `weightKg` is ignored. */
  weights?: readonly WeightMeasurement[] | null;
  /** A single weight with no time: applies to every dose and is never stale. */
  weightKg?: number | null;
}

export interface DoseWeight {
  /** null: no weight charted at all (TOCI-DOSE then says the dose cannot be calculated). */
  kg: number | null;
  /** When that weight was measured; null for a single `weightKg` or no weight. */
  measuredAtMs: number | null;
  /** ALERT-WEIGHT-STALE, or null when the weight is fit to dose by. */
  stale: { reason: Reason } | null;
  /** TOCI-WEIGHT: which weight was used and why. */
  reason: Reason;
}

/**
 * The measurement of a history that applies at `atMs`: the latest measured at or before it.
 * Measurements at the same instant: the one listed last, as a correction is charted after the
 * value it corrects (the order of the list, not the lower or higher value, decides).
 */
function latestAtOrBefore(weights: readonly WeightMeasurement[], atMs: number): WeightMeasurement | null {
  let latest: WeightMeasurement | null = null;
  for (const weight of weights) {
    if (weight.atMs <= atMs && (latest === null || weight.atMs >= latest.atMs)) latest = weight;
  }
  return latest;
}

/** The first measurement of a history (the last listed of those at its earliest instant). */
function firstMeasured(weights: readonly WeightMeasurement[]): WeightMeasurement | null {
  let first: WeightMeasurement | null = null;
  for (const weight of weights) {
    if (first === null || weight.atMs <= first.atMs) first = weight;
  }
  return first;
}

/**
 * TOCI-WEIGHT and ALERT-WEIGHT-STALE for one dose given at `doseAtMs`. With a history: the latest
 * weight at or before the dose; a dose before the first weight uses that first weight and is
 * stale ("dosed before any weight was measured"); a dose more than `weightStaleDays` after its
 * weight is stale ("re-weigh before the next dose"; exactly `weightStaleDays` is not). Without a
 * history, a single `weightKg` applies to every dose and is never stale.
 */
export function weightForDose(
  doseAtMs: number,
  patient: PatientWeights,
  settings: Partial<Pick<EngineSettings, "weightStaleDays">> = {},
): DoseWeight {
  const weightStaleDays = settings.weightStaleDays ?? DEFAULT_SETTINGS.weightStaleDays;
  const history = patient.weights ?? [];
  const first = firstMeasured(history);

  if (first === null) {
    const kg = patient.weightKg ?? null;
    const text = kg === null ? "No weight charted" : `Weight ${kg} kg (one weight charted, used for every dose)`;
    return { kg, measuredAtMs: null, stale: null, reason: { rule: "TOCI-WEIGHT", text: `${text} (TOCI-WEIGHT)` } };
  }

  const dose = formatInstant(doseAtMs);
  const latest = latestAtOrBefore(history, doseAtMs);
  if (latest === null) {
    const measured = `${first.kg} kg measured ${formatInstant(first.atMs)}`;
    return {
      kg: first.kg,
      measuredAtMs: first.atMs,
      stale: {
        reason: {
          rule: "ALERT-WEIGHT-STALE",
          text: `Dosed before any weight was measured: dose at ${dose}, first weight ${measured} (ALERT-WEIGHT-STALE)`,
        },
      },
      reason: {
        rule: "TOCI-WEIGHT",
        text: `Weight ${measured}, the first weight, measured after this dose at ${dose} (TOCI-WEIGHT)`,
      },
    };
  }

  const measured = `${latest.kg} kg measured ${formatInstant(latest.atMs)}`;
  const stale =
    doseAtMs - latest.atMs > weightStaleDays * DAY_MS
      ? {
          reason: {
            rule: "ALERT-WEIGHT-STALE",
            text: `Weight ${measured}, more than ${weightStaleDays} days before the dose at ${dose}: re-weigh before the next dose (ALERT-WEIGHT-STALE)`,
          },
        }
      : null;
  return {
    kg: latest.kg,
    measuredAtMs: latest.atMs,
    stale,
    reason: { rule: "TOCI-WEIGHT", text: `Weight ${measured}, the latest at or before this dose at ${dose} (TOCI-WEIGHT)` },
  };
}
