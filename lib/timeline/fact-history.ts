// Every version of one charted fact, oldest first, with who charted each version, when, and why
// it was changed. Versions marked entered in error are part of the history (never hidden).
import { db } from "@/lib/db";
import { doseColumns, observationColumns, userNames, type DoseVersion, type ObservationVersion } from "@/lib/timeline/facts";
import { splitFlags, type ChartedBy, type FactStatus } from "@/lib/timeline/load-timeline";

export type FactKind = "observation" | "dose";

interface HistoryVersion {
  id: string;
  version: number;
  supersedesId: string | null;
  status: FactStatus;
  changeReason: string | null;
  effectiveAt: string;
  recordedAt: string;
  recordedBy: ChartedBy;
}

export interface ObservationHistoryVersion extends HistoryVersion {
  values: Omit<ObservationVersion, keyof Omit<HistoryVersion, "recordedBy"> | "lineageId" | "patientId" | "recordedById">;
}

export interface DoseHistoryVersion extends HistoryVersion {
  drug: string;
  doseMg: number;
  route: string;
  flagsAtCharting: string[];
  overrideReason: string | null;
  overrideConfirmedBy: ChartedBy | null;
}

export type FactHistory =
  | { kind: "observation"; lineageId: string; patientId: string; versions: ObservationHistoryVersion[] }
  | { kind: "dose"; lineageId: string; patientId: string; versions: DoseHistoryVersion[] };

const named = (names: Map<string, string>, id: string): ChartedBy => ({ id, displayName: names.get(id) ?? "(unknown user)" });

function base(row: ObservationVersion | DoseVersion, names: Map<string, string>): HistoryVersion {
  return {
    id: row.id,
    version: row.version,
    supersedesId: row.supersedesId,
    status: row.status as FactStatus,
    changeReason: row.changeReason,
    effectiveAt: row.effectiveAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: named(names, row.recordedById),
  };
}

/** The versions of one observation or dose (by lineageId), or null when there is no such fact. */
export async function loadFactHistory(kind: FactKind, lineageId: string): Promise<FactHistory | null> {
  if (typeof lineageId !== "string" || lineageId === "" || lineageId.length > 200) return null;
  if (kind === "observation") {
    const rows = await db.observation.findMany({
      where: { lineageId },
      select: {
        ...observationColumns,
        vasopressors: { select: { agent: true, doseMcgKgMin: true, doseUnitsPerMin: true }, orderBy: { id: "asc" } },
      },
      orderBy: { version: "asc" },
    });
    const first = rows[0];
    if (!first) return null;
    const names = await userNames(
      db,
      rows.map((row) => row.recordedById),
    );
    return {
      kind,
      lineageId,
      patientId: first.patientId,
      versions: rows.map((row) => {
        const {
          id: _id,
          version: _v,
          supersedesId: _s,
          status: _st,
          changeReason: _c,
          effectiveAt: _e,
          recordedAt: _r,
          recordedById: _by,
          lineageId: _l,
          patientId: _p,
          ...values
        } = row;
        return { ...base(row, names), values };
      }),
    };
  }
  const rows = await db.medicationAdministration.findMany({
    where: { lineageId },
    select: doseColumns,
    orderBy: { version: "asc" },
  });
  const first = rows[0];
  if (!first) return null;
  const names = await userNames(
    db,
    rows.flatMap((row) => [row.recordedById, row.overrideConfirmedById]),
  );
  return {
    kind,
    lineageId,
    patientId: first.patientId,
    versions: rows.map((row) => ({
      ...base(row, names),
      drug: row.drug,
      doseMg: row.doseMg,
      route: row.route,
      flagsAtCharting: splitFlags(row.flagsAtCharting),
      overrideReason: row.overrideReason,
      overrideConfirmedBy: row.overrideConfirmedById ? named(names, row.overrideConfirmedById) : null,
    })),
  };
}
