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
import { VASOPRESSOR_AGENTS } from "./vocabulary";

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

/**
 * TIE: the charting in effect before each observation's instant (carried to it when it charts no
 * vasopressors), visiting the observations in the engine's time
 * order and taking the sets at one instant together, so the order of their ids never decides. A
 * set that charts no vasopressors is carried the charting in effect before its instant (never the
 * charting of another set at the same instant); after the instant, the agents charted as running
 * by any set at it count (the union, the safer reading), or none when every set there charted none.
 */
export function carriedByInstant(
  observations: readonly { observation: Pick<ObservationInput, "id" | "vasopressors">; atMs: number }[],
  /** The charting in effect before the first of them (`latest` of the sets before). */
  inEffect: ChartedInfusions | null = null,
): { before: (ChartedInfusions | null)[]; latest: ChartedInfusions | null } {
  const before: (ChartedInfusions | null)[] = [];
  let charted: ChartedInfusions | null = inEffect;
  for (let from = 0; from < observations.length;) {
    const atMs = observations[from]?.atMs;
    let to = from;
    while (to < observations.length && observations[to]?.atMs === atMs) to++;
    const instant = observations.slice(from, to);
    let after: ChartedInfusions | null = charted;
    const lists = instant.filter(({ observation }) => observation.vasopressors != null);
    if (lists.length === 1 && lists[0]) after = chartingAfter(charted, lists[0].observation, lists[0].atMs);
    else if (lists.length > 1)
      after = unionOfCharting(
        lists.map(({ observation }) => observation),
        atMs ?? 0,
      );
    for (let index = from; index < to; index++) before.push(charted);
    charted = after;
    from = to;
  }
  return { before, latest: charted };
}

/** Several sets at one instant charting vasopressors: every agent any of them charts as running (highest dose charted). */
function unionOfCharting(
  observations: readonly Pick<ObservationInput, "id" | "vasopressors">[],
  atMs: number,
): ChartedInfusions | null {
  const byAgent = new Map<string, VasopressorInput>();
  let observationId: string | null = null;
  for (const observation of observations) {
    for (const infusion of observation.vasopressors ?? []) {
      if (observationId === null || observation.id < observationId) observationId = observation.id;
      const known = byAgent.get(infusion.agent);
      if (!known || (infusion.doseMcgKgMin ?? -1) > (known.doseMcgKgMin ?? -1)) byAgent.set(infusion.agent, infusion);
    }
  }
  if (observationId === null) return null;
  const vasopressors = VASOPRESSOR_AGENTS.flatMap((agent) => {
    const infusion = byAgent.get(agent);
    return infusion ? [infusion] : [];
  });
  return { observationId, atMs, vasopressors };
}

/** The carried infusions of a whole timeline, in the same order and by the same rule as evaluateTimeline. */
export function infusionsInEffect(observations: readonly ObservationInput[]): InfusionsInEffect {
  const carried = new Map<string, CarriedInfusions>();
  const stopped = new Set<string>();
  const withTime = (infusions: ChartedInfusions): CarriedInfusions => ({ ...infusions, at: toIsoUtc(infusions.atMs) });
  const ordered = inTimeOrder(observations).map(({ fact, atMs }) => ({ observation: fact, atMs }));
  const { before, latest } = carriedByInstant(ordered);
  ordered.forEach(({ observation }, index) => {
    const inEffect = before[index] ?? null;
    if (inEffect === null) return;
    if (observation.vasopressors == null) carried.set(observation.id, withTime(inEffect));
    else if (observation.vasopressors.length === 0) stopped.add(observation.id);
  });
  return { carried, stopped, latest: latest === null ? null : withTime(latest) };
}
