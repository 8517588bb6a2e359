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
// When a cached patient's counts changed, only the versions added since are read (with the list of
// the patient's version ids, in the stored order): a version never changes once written.
// The engine still runs on every read (the grades' timers depend on `now`); only the reading is saved.
import type { DoseVersion, FactReader, ObservationVersion, PatientFacts } from "@/lib/timeline/facts";
import { loadFactVersions, loadFactVersionsById } from "@/lib/timeline/facts";

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

/**
 * The facts of patients already cached whose counts changed: their version ids in the stored
 * order (one narrow query per table), the versions already held reused (a version never changes),
 * and only the others read. Read after the counts, like a full read.
 */
async function addedSince(client: FactReader, patientIds: readonly string[]): Promise<Map<string, PatientFacts>> {
  const result = new Map<string, PatientFacts>();
  if (patientIds.length === 0) return result;
  const where = { patientId: patientIds.length === 1 ? patientIds[0] : { in: [...patientIds] } };
  const orderBy = [{ effectiveAt: "asc" as const }, { id: "asc" as const }];
  const select = { id: true, patientId: true };
  const [observationIds, doseIds] = await Promise.all([
    client.observation.findMany({ where, select, orderBy }),
    client.medicationAdministration.findMany({ where, select, orderBy }),
  ]);
  const heldObservations = new Map<string, ObservationVersion>();
  const heldDoses = new Map<string, DoseVersion>();
  for (const id of patientIds) {
    for (const row of cache.get(id)!.facts.observations) heldObservations.set(row.id, row);
    for (const row of cache.get(id)!.facts.doses) heldDoses.set(row.id, row);
  }
  const read = await loadFactVersionsById(
    client,
    observationIds.filter((row) => !heldObservations.has(row.id)).map((row) => row.id),
    doseIds.filter((row) => !heldDoses.has(row.id)).map((row) => row.id),
  );
  for (const id of patientIds) result.set(id, { observations: [], doses: [] });
  for (const { id, patientId } of observationIds) {
    result.get(patientId)!.observations.push(heldObservations.get(id) ?? read.observations.get(id)!);
  }
  for (const { id, patientId } of doseIds) result.get(patientId)!.doses.push(heldDoses.get(id) ?? read.doses.get(id)!);
  return result;
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
  const known = stale.filter((id) => cache.has(id));
  const unknown = stale.filter((id) => !cache.has(id));
  const [added, loaded] = await Promise.all([
    addedSince(client, known),
    unknown.length > 0 ? loadFactVersions(client, unknown) : new Map<string, PatientFacts>(),
  ]);
  for (const [id, facts] of added) loaded.set(id, facts);
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
