// The engine's walk over each patient's observations (lib/engine/timeline.ts `ObservationsWalk`),
// kept in this process after a charting write so that the patient's next set, charted after every
// fact, is graded by one step of the walk instead of a walk over the whole stay: a write's cost no
// longer grows with the patient's history.
//
// A walk is kept with the fact counts it walked (lib/timeline/fact-cache.ts: the patient's rows,
// every version; facts are append-only, so equal counts are the same rows), and only once the write
// that graded it has committed from a snapshot that held inside its transaction (the snapshot's rows
// were then exactly the patient's rows, and the committed write added one observation row).
// Rows added since by other writes (another instance's set, a dose, a refused set) are walked on
// from it when they are all new facts after the walk; anything else (a correction, a late entry)
// and the patient's timeline is walked whole again.
import { evaluateLaterObservations, type ObservationsWalk } from "@/lib/engine";
import type { CurrentFacts } from "@/lib/observations/fact-snapshot";
import { engineInput } from "@/lib/timeline/engine-input";
import type { FactCounts } from "@/lib/timeline/fact-cache";
import type { ChartingPatient } from "@/lib/write/charting-write";

/** A few patients are charted at a time; the least recently charted are dropped first. */
const MAX_PATIENTS = 2_000;

interface KeptWalk {
  counts: FactCounts;
  walk: ObservationsWalk;
}

const globalForWalks = globalThis as unknown as { crsKeptWalks?: Map<string, KeptWalk> };
const walks = (globalForWalks.crsKeptWalks ??= new Map<string, KeptWalk>());

/**
 * The walk over exactly `facts` (the patient's current facts at `counts`), from the kept one: as
 * kept when nothing was added since, walked on over the facts added since when every row added is
 * a first version after the walk's last fact; otherwise null.
 */
export function walkOver(patient: ChartingPatient, counts: FactCounts, facts: CurrentFacts, asOf: Date): ObservationsWalk | null {
  const kept = walks.get(patient.id);
  if (!kept) return null;
  const addedObservations = counts.observations - kept.counts.observations;
  const addedDoses = counts.doses - kept.counts.doses;
  if (addedObservations === 0 && addedDoses === 0) return kept.walk;
  if (addedObservations < 0 || addedDoses < 0) return null;
  // Every current fact after the walk's last one is a row added since; when they are as many as the
  // rows added, and each a first version, the rows added are exactly these new facts (none corrects a walked one).
  const after = <T extends { effectiveAt: Date; version: number }>(rows: readonly T[]) =>
    rows.filter((row) => row.effectiveAt.getTime() > kept.walk.lastAtMs);
  const observations = after(facts.observations);
  const doses = after(facts.doses);
  if (observations.length !== addedObservations || doses.length !== addedDoses) return null;
  if ([...observations, ...doses].some((row) => row.version !== 1)) return null;
  return evaluateLaterObservations(kept.walk, engineInput(patient, observations, doses, asOf))?.walk ?? null;
}

/** After a committed write: the walk over the patient's facts, now at `counts`. */
export function keepWalk(patientId: string, counts: FactCounts, walk: ObservationsWalk): void {
  walks.delete(patientId);
  walks.set(patientId, { counts, walk });
  while (walks.size > MAX_PATIENTS) walks.delete(walks.keys().next().value!);
}

/** Forget every kept walk (tests compare stepped grades with fresh ones). */
export function forgetWalks(): void {
  walks.clear();
}
