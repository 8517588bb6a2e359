// Stored facts of one or more patients, read in a fixed number of queries whatever the number of
// facts (observations, their vasopressors, doses, and the names of who charted them), and
// reduced to the current version of each fact. Used by page reads (the `db` client) and by
// write paths inside their transaction (the `tx` client), so both see the same facts.
import { chartedColumns, type ChartedValues, type VasopressorRow } from "@/lib/facts/charted-values";
import type { Tx } from "@/lib/db";

/** Either client: reads outside a write use `db`, reads inside one use its `tx`. */
export type FactReader = Pick<Tx, "observation" | "vasopressorInfusion" | "medicationAdministration" | "user">;

/** A stored observation version: its version columns and every charted value (lib/facts/charted-values.ts). */
export const observationColumns = {
  id: true,
  lineageId: true,
  version: true,
  supersedesId: true,
  status: true,
  changeReason: true,
  setStatus: true,
  statusReason: true,
  patientId: true,
  effectiveAt: true,
  recordedAt: true,
  recordedById: true,
  ...chartedColumns,
} as const;

export const doseColumns = {
  id: true,
  lineageId: true,
  version: true,
  supersedesId: true,
  status: true,
  changeReason: true,
  patientId: true,
  drug: true,
  doseMg: true,
  route: true,
  effectiveAt: true,
  recordedAt: true,
  recordedById: true,
  flagsAtCharting: true,
  overrideReason: true,
  overrideConfirmedById: true,
} as const;

export type { VasopressorRow } from "@/lib/facts/charted-values";

export interface ObservationVersion extends ChartedValues {
  id: string;
  lineageId: string;
  version: number;
  supersedesId: string | null;
  status: string;
  changeReason: string | null;
  /** OBS-STATUS: charted | refused | not_possible (the latter two with statusReason and no values). */
  setStatus: string;
  statusReason: string | null;
  patientId: string;
  effectiveAt: Date;
  recordedAt: Date;
  recordedById: string;
}

export interface DoseVersion {
  id: string;
  lineageId: string;
  version: number;
  supersedesId: string | null;
  status: string;
  changeReason: string | null;
  patientId: string;
  drug: string;
  doseMg: number;
  route: string;
  effectiveAt: Date;
  recordedAt: Date;
  recordedById: string;
  flagsAtCharting: string;
  overrideReason: string | null;
  overrideConfirmedById: string | null;
}

export interface PatientFacts {
  /** Every version of every observation, in (effectiveAt, id) order. */
  observations: ObservationVersion[];
  doses: DoseVersion[];
}

/** All versions of the facts of these patients: three queries (observations, vasopressors, doses). */
export async function loadFactVersions(client: FactReader, patientIds: readonly string[]): Promise<Map<string, PatientFacts>> {
  const byPatient = new Map<string, PatientFacts>();
  for (const id of patientIds) byPatient.set(id, { observations: [], doses: [] });
  if (patientIds.length === 0) return byPatient;
  const patientId = patientIds.length === 1 ? patientIds[0] : { in: [...patientIds] };
  const [observationRows, vasopressorRows, doseRows] = await Promise.all([
    client.observation.findMany({
      where: { patientId },
      select: observationColumns,
      orderBy: [{ effectiveAt: "asc" }, { id: "asc" }],
    }),
    client.vasopressorInfusion.findMany({
      where: { observation: { patientId } },
      select: { observationId: true, agent: true, doseMcgKgMin: true, doseUnitsPerMin: true },
      orderBy: { id: "asc" },
    }),
    client.medicationAdministration.findMany({
      where: { patientId },
      select: doseColumns,
      orderBy: [{ effectiveAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const vasopressors = new Map<string, VasopressorRow[]>();
  for (const row of vasopressorRows) {
    const list = vasopressors.get(row.observationId) ?? [];
    list.push({ agent: row.agent, doseMcgKgMin: row.doseMcgKgMin, doseUnitsPerMin: row.doseUnitsPerMin });
    vasopressors.set(row.observationId, list);
  }
  for (const row of observationRows) {
    byPatient.get(row.patientId)?.observations.push({ ...row, vasopressors: vasopressors.get(row.id) ?? [] });
  }
  for (const row of doseRows) byPatient.get(row.patientId)?.doses.push(row);
  return byPatient;
}

/**
 * Given versions by id (any patients): those rows, as `loadFactVersions` builds them. For the fact
 * cache, which reads only the versions added since it last read a patient (versions never change).
 */
export async function loadFactVersionsById(
  client: FactReader,
  observationIds: readonly string[],
  doseIds: readonly string[],
): Promise<{ observations: Map<string, ObservationVersion>; doses: Map<string, DoseVersion> }> {
  const [observationRows, vasopressorRows, doseRows] = await Promise.all([
    observationIds.length === 0
      ? []
      : client.observation.findMany({ where: { id: { in: [...observationIds] } }, select: observationColumns }),
    observationIds.length === 0
      ? []
      : client.vasopressorInfusion.findMany({
          where: { observationId: { in: [...observationIds] } },
          select: { observationId: true, agent: true, doseMcgKgMin: true, doseUnitsPerMin: true },
          orderBy: { id: "asc" },
        }),
    doseIds.length === 0
      ? []
      : client.medicationAdministration.findMany({ where: { id: { in: [...doseIds] } }, select: doseColumns }),
  ]);
  const vasopressors = new Map<string, VasopressorRow[]>();
  for (const row of vasopressorRows) {
    const list = vasopressors.get(row.observationId) ?? [];
    list.push({ agent: row.agent, doseMcgKgMin: row.doseMcgKgMin, doseUnitsPerMin: row.doseUnitsPerMin });
    vasopressors.set(row.observationId, list);
  }
  return {
    observations: new Map(observationRows.map((row) => [row.id, { ...row, vasopressors: vasopressors.get(row.id) ?? [] }])),
    doses: new Map(doseRows.map((row) => [row.id, row])),
  };
}

export async function loadPatientFactVersions(client: FactReader, patientId: string): Promise<PatientFacts> {
  return (await loadFactVersions(client, [patientId])).get(patientId) ?? { observations: [], doses: [] };
}

/** One fact across its versions: the current one (nothing supersedes it) and what the chain says. */
export interface Lineage<V> {
  current: V;
  first: V;
  versionCount: number;
}

/**
 * The current version of each fact: the version no other version supersedes. Order follows the
 * input order of the current versions.
 */
export function currentVersions<V extends { id: string; lineageId: string; version: number; supersedesId: string | null }>(
  versions: readonly V[],
): Lineage<V>[] {
  const superseded = new Set<string>();
  const chains = new Map<string, { first: V; count: number }>();
  for (const version of versions) {
    if (version.supersedesId) superseded.add(version.supersedesId);
    const chain = chains.get(version.lineageId);
    if (!chain) chains.set(version.lineageId, { first: version, count: 1 });
    else {
      chain.count++;
      if (version.version < chain.first.version) chain.first = version;
    }
  }
  const lineages: Lineage<V>[] = [];
  for (const version of versions) {
    if (superseded.has(version.id)) continue;
    const chain = chains.get(version.lineageId)!;
    lineages.push({ current: version, first: chain.first, versionCount: chain.count });
  }
  return lineages;
}

/** Display names of the users these ids belong to, in one query. */
export async function userNames(client: FactReader, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await client.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((user) => [user.id, user.displayName]));
}
