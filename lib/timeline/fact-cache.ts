// Each patient's stored fact versions, kept in this process between reads and re-read only when
// the patient's facts changed. The ward board re-reads every patient's whole history otherwise,
// and those queries (rows built, mapped, collected) were almost all of a board request's cost.
//
// The fact version is the number of rows the patient has in Observation and in
// MedicationAdministration. Facts are append-only (the database refuses UPDATE, DELETE and, on
// PostgreSQL, TRUNCATE on these tables): a patient's facts change only by rows being added (a new
// fact, an amendment or "entered in error" is a new version row; vasopressor rows are written
// with their observation version, in its transaction), so the counts change exactly when the facts
// do. They are read from the database on every call, so a write committed by any instance, or by
// any other process on the file, is seen on the next read: no invalidation signal is needed.
// The engine still runs on every read (the grades' timers depend on `now`); only the reading is saved.
import type { FactReader, PatientFacts } from "@/lib/timeline/facts";
import { loadFactVersions } from "@/lib/timeline/facts";

/** A patient's stored rows, every version counted: the fact version. */
export interface FactCounts {
  observations: number;
  doses: number;
}

interface Entry {
  version: string;
  facts: PatientFacts;
}

/** Enough for every active patient of several wards; the least recently read are dropped first. */
const MAX_PATIENTS = 2_000;

const globalForCache = globalThis as unknown as { crsFactCache?: Map<string, Entry> };
const cache = (globalForCache.crsFactCache ??= new Map<string, Entry>());

/** The rows each patient has, in two counting queries. */
async function factCounts(client: FactReader, patientIds: readonly string[]): Promise<Map<string, FactCounts>> {
  const where = { patientId: { in: [...patientIds] } };
  const [observations, doses] = await Promise.all([
    client.observation.groupBy({ by: ["patientId"], where, _count: { _all: true } }),
    client.medicationAdministration.groupBy({ by: ["patientId"], where, _count: { _all: true } }),
  ]);
  const count = (rows: { patientId: string; _count: { _all: number } }[]) =>
    new Map(rows.map((row) => [row.patientId, row._count._all]));
  const o = count(observations);
  const d = count(doses);
  return new Map(patientIds.map((id) => [id, { observations: o.get(id) ?? 0, doses: d.get(id) ?? 0 }]));
}

const versionOf = (counts: FactCounts) => `${counts.observations}/${counts.doses}`;

/**
 * The same answer as `loadFactVersions(client, patientIds)`, reading only the patients whose facts
 * changed since this process last read them. The arrays are shared between reads: read-only
 * (frozen, so a caller that sorts or pushes fails loudly instead of changing another read's facts).
 */
export async function loadFactVersionsCached(
  client: FactReader,
  patientIds: readonly string[],
): Promise<Map<string, PatientFacts>> {
  const read = await readFactVersionsCached(client, patientIds);
  return new Map([...read].map(([id, { facts }]) => [id, facts]));
}

/**
 * One patient's facts as `loadFactVersionsCached` reads them, with the counts read before them
 * (the facts hold at least those rows; exactly those when nothing was written since the count).
 * A write's snapshot compares these counts inside its transaction (lib/observations/fact-snapshot.ts).
 */
export async function loadPatientFactsCached(
  client: FactReader,
  patientId: string,
): Promise<{ facts: PatientFacts; counted: FactCounts }> {
  return (await readFactVersionsCached(client, [patientId])).get(patientId)!;
}

async function readFactVersionsCached(
  client: FactReader,
  patientIds: readonly string[],
): Promise<Map<string, { facts: PatientFacts; counted: FactCounts }>> {
  const result = new Map<string, { facts: PatientFacts; counted: FactCounts }>();
  if (patientIds.length === 0) return result;
  // Counts first: facts read after them are at least as new, so an entry is never older than its key.
  const counts = await factCounts(client, patientIds);
  const versions = new Map([...counts].map(([id, counted]) => [id, versionOf(counted)]));
  const stale = patientIds.filter((id) => cache.get(id)?.version !== versions.get(id));
  const loaded = stale.length > 0 ? await loadFactVersions(client, stale) : new Map<string, PatientFacts>();
  for (const id of patientIds) {
    const fresh = loaded.get(id);
    if (fresh) {
      Object.freeze(fresh.observations);
      Object.freeze(fresh.doses);
      cache.delete(id);
      cache.set(id, { version: versions.get(id)!, facts: fresh });
    } else {
      // Re-inserted: the Map's order is the order of last use.
      const entry = cache.get(id)!;
      cache.delete(id);
      cache.set(id, entry);
    }
    result.set(id, { facts: cache.get(id)!.facts, counted: counts.get(id)! });
  }
  while (cache.size > MAX_PATIENTS) cache.delete(cache.keys().next().value!);
  return result;
}
