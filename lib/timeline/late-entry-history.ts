// The late entries that re-graded this patient's observations (ALERT-LATE-ENTRY), as the writes
// recorded them when they were charted (lib/timeline/late-entry-records.ts): the engine only ever
// compares two evaluations, so "observation at 10:00 went from 2 to 3 because of that entry"
// exists nowhere else afterwards. Reads only (the page asks `clinical:view` first).
import { db } from "@/lib/db";
import type { CrsGrade } from "@/lib/engine";
import { lateEntryRegradeColumns, type LateEntryWrite } from "@/lib/timeline/late-entry-records";

export type { LateEntryWrite } from "@/lib/timeline/late-entry-records";

/** Most recent first; a long stay can have many, the page shows the latest. */
export const LATE_ENTRY_HISTORY_LIMIT = 20;

export interface LateEntryRegrade {
  /** The record's id (one write can re-grade several observations: one record each). */
  id: string;
  write: LateEntryWrite;
  /** When it was charted (the version's recorded time), and by whom. */
  chartedAt: string;
  chartedBy: string | null;
  /** The entry itself: its bedside time, and the drug and dose for a dose. */
  entryAt: string;
  drug: string | null;
  doseMg: number | null;
  /** The observation re-graded (its version id and bedside time at the time) and its grades. */
  observationId: string;
  observationAt: string;
  before: CrsGrade;
  after: CrsGrade;
}

/** The late-entry re-gradings of this patient's observations, most recent first, at most `limit`. */
export async function loadLateEntryHistory(patientId: string, limit = LATE_ENTRY_HISTORY_LIMIT): Promise<LateEntryRegrade[]> {
  if (typeof patientId !== "string" || patientId === "" || patientId.length > 200) return [];
  const rows = await db.lateEntryRegrade.findMany({
    where: { patientId },
    select: lateEntryRegradeColumns,
    // One write's re-gradings stay together, in the order the write reported them.
    orderBy: [{ chartedAt: "desc" }, { causeId: "desc" }, { observationAt: "asc" }, { observationId: "asc" }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    write: row.write as LateEntryWrite,
    chartedAt: row.chartedAt.toISOString(),
    chartedBy: row.chartedByName,
    entryAt: row.entryAt.toISOString(),
    drug: row.drug,
    doseMg: row.doseMg,
    observationId: row.observationId,
    observationAt: row.observationAt.toISOString(),
    before: row.gradeBefore as CrsGrade,
    after: row.gradeAfter as CrsGrade,
  }));
}
