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
//
// What is held is bounded by the number of versions, not only of patients: every version of a
// 14-day hourly patient is about 300 KB of heap, and a 200-patient ward's whole history was most of
// a server's resident memory. The ward board keeps its grades by fact version (lib/ward/board-grades.ts)
// and reads facts here only for the patients it re-grades, so the versions held are those of the
// patients read most recently (charted, opened, re-graded), and a patient dropped is read whole again.
import type { DoseVersion, FactReader, ObservationVersion, PatientFacts } from "@/lib/timeline/facts";
import { loadFactVersions, loadFactVersionsById } from "@/lib/timeline/facts";
import type { Tx } from "@/lib/db";
import { activePatientWhere, rowsOf, type ActivePatients } from "@/lib/facts/patient-set";

/** The fact tables, and raw SQL: what counts a ward's active patients' rows. */
export type FactCounter = FactReader & Pick<Tx, "$queryRaw">;

/** A patient's stored rows, every version counted: the fact version. */
export interface FactCounts {
  observations: number;
  doses: number;
}

interface Entry {
  version: string;
  facts: PatientFacts;
  /** The rows held that `recentlyAdded` compares with the database's, kept so a write need not scan the stay. */
  recent: RecentRows;
}

/** The newest recording time among a patient's rows, and the rows recorded within RECORDED_SLACK_MS of it. */
interface RecentRows {
  newestMs: number;
  rows: readonly (ObservationVersion | DoseVersion)[];
}

/** The least recently read patients are dropped first once more than this many patients are held… */
const MAX_PATIENTS = 2_000;
/**
 * …or more than this many versions (observation and dose rows), about 25 MB of heap: several
 * 30-day patients charted every 15 minutes, or 75 patients with 14 days of hourly sets.
 */
export const MAX_VERSIONS = 25_000;
/** At most this many patients changed since their last read are read by their recent rows (two queries each). */
const RECENT_READS = 4;
/** Rows per query when reading patients whole. */
const VERSIONS_PER_READ = 10_000;
/**
 * Ids per query when reading versions by id: Prisma refuses a query binding more parameters than
 * it allows the store (999 on SQLite) when it cannot split it itself (an ordered read).
 */
const IDS_PER_QUERY = 900;

const globalForCache = globalThis as unknown as { crsFactCache?: Map<string, Entry> };
const cache = (globalForCache.crsFactCache ??= new Map<string, Entry>());

/**
 * The rows each of these patients has in each fact table: their fact version (`factVersionOf`),
 * counted by each table's patient index, so the cost is these patients' own rows and not the
 * table's. Prisma's relation count (`_count`, selected with the patient record) counts the whole
 * table grouped by patient and then joins: 6.8 ms for one patient in a 70,000-set database,
 * growing with every patient ever charted, against 0.07 ms here; its `groupBy` filtered on the
 * patient joins every row of the table to its patient (18 ms for a ward of 209).
 */
export async function countFacts(client: FactReader, patientIds: readonly string[]): Promise<Map<string, FactCounts>> {
  const where = rowsOf(patientIds);
  const [observations, doses] = await Promise.all([
    client.observation.groupBy({ by: ["patientId"], where, _count: { _all: true } }),
    client.medicationAdministration.groupBy({ by: ["patientId"], where, _count: { _all: true } }),
  ]);
  const counts = new Map(patientIds.map((id) => [id, { observations: 0, doses: 0 }]));
  for (const row of observations) counts.get(row.patientId)!.observations = row._count._all;
  for (const row of doses) counts.get(row.patientId)!.doses = row._count._all;
  return counts;
}

/**
 * `countFacts` for the active patients (of one ward, when given), in one statement: a count by
 * index per patient, which Prisma's query API cannot ask for. The same SQL on both stores (quoted names);
 * PostgreSQL returns counts as bigint.
 */
export async function countActivePatientsFacts(client: FactCounter, set: ActivePatients): Promise<Map<string, FactCounts>> {
  const wardId = set.wardId ?? null;
  const rows = await client.$queryRaw<{ id: string; observations: number | bigint; doses: number | bigint }[]>`
    SELECT p."id",
      (SELECT COUNT(*) FROM "Observation" o WHERE o."patientId" = p."id") AS "observations",
      (SELECT COUNT(*) FROM "MedicationAdministration" d WHERE d."patientId" = p."id") AS "doses"
    FROM "Patient" p
    WHERE p."status" = ${activePatientWhere(set).status} AND p."wardId" = COALESCE(${wardId}, p."wardId")`;
  return new Map(rows.map((row) => [row.id, { observations: Number(row.observations), doses: Number(row.doses) }]));
}

/** A patient with no row in either table. */
export const NO_FACTS: FactCounts = Object.freeze({ observations: 0, doses: 0 });

/** The key of a patient's facts: equal counts are the same rows (append-only), so the same facts. */
export const factVersionOf = (counts: FactCounts) => `${counts.observations}/${counts.doses}`;
const versionOf = factVersionOf;

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
 * `loadFactVersionsCached` with the counts read before the facts (the facts hold at least those
 * rows; exactly those when nothing was written since the count): the ward board keeps its grades
 * by these counts.
 */
export async function loadFactVersionsCountedCached(
  client: FactReader,
  patientIds: readonly string[],
): Promise<Map<string, { facts: PatientFacts; counted: FactCounts }>> {
  return readFactVersionsCached(client, patientIds);
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
 * Rows recorded up to this long before the newest row held are looked for again: several
 * instances' clocks may differ a little. The counts decide whether that found every row added.
 */
const RECORDED_SLACK_MS = 10 * 60_000;

/**
 * The rows of `rows` recorded within RECORDED_SLACK_MS of the newest of them. Given the recent rows
 * held and the rows added since, it gives the recent rows of them all: the newest time only moves
 * later, so a held row recorded near the new newest was near the old one too.
 */
function recentlyRecorded(rows: readonly (ObservationVersion | DoseVersion)[]): RecentRows {
  let newestMs = 0;
  for (const row of rows) newestMs = Math.max(newestMs, row.recordedAt.getTime());
  return { newestMs, rows: rows.filter((row) => row.recordedAt.getTime() >= newestMs - RECORDED_SLACK_MS) };
}

const recentOf = (facts: PatientFacts) => recentlyRecorded([...facts.observations, ...facts.doses]);

/** The stored order of a patient's versions: bedside time, then id. */
const byStoredOrder = (a: { effectiveAt: Date; id: string }, b: { effectiveAt: Date; id: string }) =>
  a.effectiveAt.getTime() - b.effectiveAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `held` with `added` put in their places, or null when a row added shares its bedside time with
 * another (the order of ids within one instant is then left to the database, as a full read does).
 */
function mergedInOrder<T extends { effectiveAt: Date; id: string }>(held: readonly T[], added: readonly T[]): T[] | null {
  const sorted = [...added].sort(byStoredOrder);
  const lastHeldMs = held.at(-1)?.effectiveAt.getTime() ?? Number.NEGATIVE_INFINITY;
  for (const [index, row] of sorted.entries()) {
    if (sorted[index + 1]?.effectiveAt.getTime() === row.effectiveAt.getTime()) return null;
  }
  // The usual case: the rows added are after every row held.
  if ((sorted[0]?.effectiveAt.getTime() ?? Number.POSITIVE_INFINITY) > lastHeldMs) return held.concat(sorted);
  const times = new Set(held.map((row) => row.effectiveAt.getTime()));
  if (sorted.some((row) => times.has(row.effectiveAt.getTime()))) return null;
  const merged: T[] = [];
  let next = 0;
  for (const row of held) {
    while (next < sorted.length && byStoredOrder(sorted[next]!, row) < 0) merged.push(sorted[next++]!);
    merged.push(row);
  }
  return merged.concat(sorted.slice(next));
}

/**
 * The usual case of a patient already cached whose counts changed: a write or two since. The rows
 * recorded since shortly before the newest row held (one narrow query per table, on the patient's
 * rows only), those not held read, and put in their places; when the held rows and these make the
 * counts, that is every row (append-only). Otherwise, or when a row added shares its instant with
 * another, the patient is left to `addedSince` (null).
 */
async function recentlyAdded(
  client: FactReader,
  patientId: string,
  { facts: held, recent }: Pick<Entry, "facts" | "recent">,
  counted: FactCounts,
): Promise<{ facts: PatientFacts; recent: RecentRows } | null> {
  const sinceMs = recent.newestMs - RECORDED_SLACK_MS;
  const where = { patientId, recordedAt: { gte: new Date(sinceMs) } };
  // A table whose count is the count held has no row added (append-only): not asked.
  const [observationIds, doseIds] = await Promise.all([
    counted.observations === held.observations.length ? [] : client.observation.findMany({ where, select: { id: true } }),
    counted.doses === held.doses.length ? [] : client.medicationAdministration.findMany({ where, select: { id: true } }),
  ]);
  // Only rows held that were recorded since then can be among those found: the recent rows.
  const heldIds = new Set(recent.rows.map((row) => row.id));
  const newObservationIds = observationIds.map((row) => row.id).filter((id) => !heldIds.has(id));
  const newDoseIds = doseIds.map((row) => row.id).filter((id) => !heldIds.has(id));
  if (held.observations.length + newObservationIds.length !== counted.observations) return null;
  if (held.doses.length + newDoseIds.length !== counted.doses) return null;
  const read = await versionsById(client, newObservationIds, newDoseIds);
  const addedObservations = [...read.observations.values()];
  const addedDoses = [...read.doses.values()];
  const observations = mergedInOrder(held.observations, addedObservations);
  const doses = mergedInOrder(held.doses, addedDoses);
  if (!observations || !doses) return null;
  return { facts: { observations, doses }, recent: recentlyRecorded([...recent.rows, ...addedObservations, ...addedDoses]) };
}

/**
 * The facts of patients already cached whose counts changed: their version ids in the stored
 * order (one narrow query per table), the versions already held reused (a version never changes),
 * and only the others read. Read after the counts, like a full read.
 */
async function addedSince(client: FactReader, heldFacts: ReadonlyMap<string, PatientFacts>): Promise<Map<string, PatientFacts>> {
  const patientIds = [...heldFacts.keys()];
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
    for (const row of heldFacts.get(id)!.observations) heldObservations.set(row.id, row);
    for (const row of heldFacts.get(id)!.doses) heldDoses.set(row.id, row);
  }
  const read = await versionsById(
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

/** `loadFactVersionsById` in queries of at most IDS_PER_QUERY ids (history charted in bulk adds tens of thousands). */
async function versionsById(
  client: FactReader,
  observationIds: readonly string[],
  doseIds: readonly string[],
): ReturnType<typeof loadFactVersionsById> {
  const observations = new Map<string, ObservationVersion>();
  const doses = new Map<string, DoseVersion>();
  for (let from = 0; from < Math.max(observationIds.length, doseIds.length); from += IDS_PER_QUERY) {
    const read = await loadFactVersionsById(
      client,
      observationIds.slice(from, from + IDS_PER_QUERY),
      doseIds.slice(from, from + IDS_PER_QUERY),
    );
    for (const [id, row] of read.observations) observations.set(id, row);
    for (const [id, row] of read.doses) doses.set(id, row);
  }
  return { observations, doses };
}

/** Patients read whole, about VERSIONS_PER_READ rows a query: one query of a whole ward's history held it all in memory at once. */
async function loadInBatches(
  client: FactReader,
  patientIds: readonly string[],
  counts: ReadonlyMap<string, FactCounts>,
): Promise<Map<string, PatientFacts>> {
  const loaded = new Map<string, PatientFacts>();
  let batch: string[] = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length > 0) for (const [id, facts] of await loadFactVersions(client, batch)) loaded.set(id, facts);
    batch = [];
    rows = 0;
  };
  for (const id of patientIds) {
    const count = counts.get(id)!;
    if (rows > 0 && rows + count.observations + count.doses > VERSIONS_PER_READ) await flush();
    batch.push(id);
    rows += count.observations + count.doses;
  }
  await flush();
  return loaded;
}

/** Drop the least recently read patients beyond MAX_PATIENTS or MAX_VERSIONS (the last one read always stays). */
function evict(): void {
  let held = 0;
  for (const entry of cache.values()) held += entry.facts.observations.length + entry.facts.doses.length;
  for (const [id, entry] of cache) {
    if (cache.size <= 1 || (cache.size <= MAX_PATIENTS && held <= MAX_VERSIONS)) break;
    held -= entry.facts.observations.length + entry.facts.doses.length;
    cache.delete(id);
  }
}

async function readFactVersionsCached(
  client: FactReader,
  patientIds: readonly string[],
): Promise<Map<string, { facts: PatientFacts; counted: FactCounts }>> {
  const result = new Map<string, { facts: PatientFacts; counted: FactCounts }>();
  if (patientIds.length === 0) return result;
  // Counts first: facts read after them are at least as new, so an entry is never older than its key.
  const counts = await countFacts(client, patientIds);
  const versions = new Map([...counts].map(([id, counted]) => [id, versionOf(counted)]));
  // The entries as they are now: a concurrent read may drop them from the cache meanwhile.
  const held = new Map(patientIds.map((id) => [id, cache.get(id)]));
  const stale = patientIds.filter((id) => held.get(id)?.version !== versions.get(id));
  // A patient with more versions added than held (history charted in bulk) is read whole: fewer queries.
  const readById = (id: string) => {
    const facts = held.get(id)?.facts;
    const count = counts.get(id)!;
    return facts !== undefined && count.observations + count.doses <= 2 * (facts.observations.length + facts.doses.length) + 1;
  };
  const known = new Map(stale.filter(readById).map((id) => [id, held.get(id)!.facts]));
  const unknown = stale.filter((id) => !readById(id));
  // A few patients (a write's, a page's): their recent rows first.
  const recent = new Map<string, { facts: PatientFacts; recent: RecentRows }>();
  if (known.size <= RECENT_READS) {
    for (const id of known.keys()) {
      const merged = await recentlyAdded(client, id, held.get(id)!, counts.get(id)!);
      if (merged) recent.set(id, merged);
    }
  }
  for (const id of recent.keys()) known.delete(id);
  const [added, loaded] = await Promise.all([addedSince(client, known), loadInBatches(client, unknown, counts)]);
  for (const [id, facts] of added) loaded.set(id, facts);
  for (const id of patientIds) {
    const version = versions.get(id)!;
    const read = recent.get(id) ?? (loaded.has(id) ? { facts: loaded.get(id)!, recent: recentOf(loaded.get(id)!) } : null);
    const entry = read ? { version, ...read } : held.get(id)!;
    Object.freeze(entry.facts.observations);
    Object.freeze(entry.facts.doses);
    // (Re-)inserted: the Map's order is the order of last use.
    cache.delete(id);
    cache.set(id, entry);
    result.set(id, { facts: entry.facts, counted: counts.get(id)! });
  }
  evict();
  return result;
}
