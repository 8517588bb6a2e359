// The engine's walk over each patient's observations (lib/engine/timeline.ts `ObservationsWalk`),
// kept in this process after a charting write so that the patient's next set, charted after every
// fact, is graded by one step of the walk instead of a walk over the whole stay: a write's cost no
// longer grows with the patient's history.
//
// A walk is kept under the fact version it walked (lib/timeline/fact-cache.ts: the patient's row
// counts; facts are append-only, so equal counts are the same rows), and only once the write that
// graded it has committed from a snapshot that held inside its transaction (the snapshot's rows were
// then exactly the patient's rows, and the committed write added one observation row). A walk kept
// under counts that another write or instance has since moved past is simply never asked for again.
import type { ObservationsWalk } from "@/lib/engine";
import { factVersionOf, type FactCounts } from "@/lib/timeline/fact-cache";

/** A few patients are charted at a time; the least recently charted are dropped first. */
const MAX_PATIENTS = 2_000;

const globalForWalks = globalThis as unknown as { crsKeptWalks?: Map<string, { version: string; walk: ObservationsWalk }> };
const walks = (globalForWalks.crsKeptWalks ??= new Map<string, { version: string; walk: ObservationsWalk }>());

/** The walk over the patient's facts at these counts, when one was kept. */
export function keptWalk(patientId: string, counts: FactCounts): ObservationsWalk | null {
  const kept = walks.get(patientId);
  return kept && kept.version === factVersionOf(counts) ? kept.walk : null;
}

/** After a committed write: the walk over the patient's facts, now at `counts`. */
export function keepWalk(patientId: string, counts: FactCounts, walk: ObservationsWalk): void {
  walks.delete(patientId);
  walks.set(patientId, { version: factVersionOf(counts), walk });
  while (walks.size > MAX_PATIENTS) walks.delete(walks.keys().next().value!);
}

/** Forget every kept walk (tests compare stepped grades with fresh ones). */
export function forgetWalks(): void {
  walks.clear();
}
