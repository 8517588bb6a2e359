/**
 * Which vasopressor infusions count as running at an observation (safer reading,
 * docs/EXCHANGE-FORMAT.md): an infusion is charted where it is seen, not at every set of vitals,
 * so once charted as running it is counted as running at later observations that do not chart
 * vasopressors, until an observation charts them again (an explicit empty list: none running,
 * the infusion was stopped). Never charted: none running.
 */
import { toIsoUtc } from "./time";
import { inTimeOrder } from "./time-order";
import type { ObservationInput, VasopressorInput } from "./types";

/** Infusions charted as running at one observation, counted at later ones that chart none. */
export interface ChartedInfusions {
  /** The observation that charted them. */
  observationId: string;
  atMs: number;
  vasopressors: readonly VasopressorInput[];
}

/**
 * The charting in effect after `observation`, visiting observations in the engine's time order:
 * its own list when it charts vasopressors (an empty list: none, so null), else `before`.
 */
export function chartingAfter(
  before: ChartedInfusions | null,
  observation: Pick<ObservationInput, "id" | "vasopressors">,
  atMs: number,
): ChartedInfusions | null {
  const list = observation.vasopressors;
  if (list == null) return before;
  return list.length === 0 ? null : { observationId: observation.id, atMs, vasopressors: list };
}

/** ChartedInfusions with the time as UTC ISO text, for pages and reports. */
export interface CarriedInfusions extends ChartedInfusions {
  at: string;
}

export interface InfusionsInEffect {
  /**
   * Observations that did not chart vasopressors while infusions charted earlier still count:
   * observation id -> the charting carried to it (what the engine graded it with).
   */
  carried: Map<string, CarriedInfusions>;
  /** Observations that charted none running while infusions charted earlier still counted: the stops. */
  stopped: Set<string>;
  /** What counts as running after the latest observation (null: none). */
  latest: CarriedInfusions | null;
}

/** The carried infusions of a whole timeline, in the same order and by the same rule as evaluateTimeline. */
export function infusionsInEffect(observations: readonly ObservationInput[]): InfusionsInEffect {
  const carried = new Map<string, CarriedInfusions>();
  const stopped = new Set<string>();
  let charted: ChartedInfusions | null = null;
  const withTime = (infusions: ChartedInfusions): CarriedInfusions => ({ ...infusions, at: toIsoUtc(infusions.atMs) });
  for (const { fact: observation, atMs } of inTimeOrder(observations)) {
    if (charted !== null) {
      if (observation.vasopressors == null) carried.set(observation.id, withTime(charted));
      else if (observation.vasopressors.length === 0) stopped.add(observation.id);
    }
    charted = chartingAfter(charted, observation, atMs);
  }
  return { carried, stopped, latest: charted === null ? null : withTime(charted) };
}
