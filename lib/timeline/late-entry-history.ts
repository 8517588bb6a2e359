// The late entries that re-graded this patient's observations (ALERT-LATE-ENTRY), as the audit
// trail recorded them when they were charted: the engine only ever compares two evaluations, so
// "observation at 10:00 went from 2 to 3 because of that entry" exists nowhere else afterwards.
// Each write's audit snapshot is the stored version (its `patientId` included) plus the
// `lateEntryChanges` it caused (record-observation, record-dose and their corrections).
// Reads only (the page asks `clinical:view` first).
import { z } from "zod";
import { db } from "@/lib/db";
import type { CrsGrade } from "@/lib/engine";

/** The writes whose audit event carries late-entry changes. */
const WRITES = [
  "observation.create",
  "observation.amend",
  "observation.entered_in_error",
  "dose.create",
  "dose.amend",
  "dose.entered_in_error",
] as const;
export type LateEntryWrite = (typeof WRITES)[number];

/** Most recent first; a long stay can have many, the page shows the latest. */
export const LATE_ENTRY_HISTORY_LIMIT = 20;
/** Ids per query: Prisma allows SQLite at most 999 parameters in one statement (and a few are the other filters). */
export const IDS_PER_QUERY = 900;

const grade = z.literal([0, 1, 2, 3, 4, 5]);
const snapshotSchema = z.object({
  patientId: z.string(),
  effectiveAt: z.string(),
  recordedAt: z.string(),
  drug: z.string().optional(),
  doseMg: z.number().optional(),
  lateEntryChanges: z.array(z.object({ id: z.string(), at: z.string(), before: grade, after: grade })),
});

export interface LateEntryRegrade {
  /** The audit event of the write (one write can re-grade several observations). */
  eventId: string;
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

/** Ids of every version of every fact of the patient: audit events name the version they wrote. */
async function factVersionIds(patientId: string): Promise<{ observation: string[]; dose: string[] }> {
  const [observations, doses] = await Promise.all([
    db.observation.findMany({ where: { patientId }, select: { id: true } }),
    db.medicationAdministration.findMany({ where: { patientId }, select: { id: true } }),
  ]);
  return { observation: observations.map((row) => row.id), dose: doses.map((row) => row.id) };
}

/** The late-entry re-gradings of this patient's observations, most recent first, at most `limit`. */
export async function loadLateEntryHistory(patientId: string, limit = LATE_ENTRY_HISTORY_LIMIT): Promise<LateEntryRegrade[]> {
  if (typeof patientId !== "string" || patientId === "" || patientId.length > 200) return [];
  const ids = await factVersionIds(patientId);
  const events: { id: string; at: Date; actorName: string | null; action: string; after: string | null }[] = [];
  for (const entityType of ["observation", "dose"] as const) {
    for (let from = 0; from < ids[entityType].length; from += IDS_PER_QUERY) {
      const found = await db.auditEvent.findMany({
        where: {
          entityType,
          entityId: { in: ids[entityType].slice(from, from + IDS_PER_QUERY) },
          action: { in: [...WRITES] },
          // Narrows to writes that re-graded something; each is parsed and checked below.
          after: { contains: '"lateEntryChanges":[{' },
        },
        select: { id: true, at: true, actorName: true, action: true, after: true },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: limit,
      });
      events.push(...found);
    }
  }
  events.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

  const regrades: LateEntryRegrade[] = [];
  for (const event of events) {
    const snapshot = parseSnapshot(event.after);
    if (!snapshot || snapshot.patientId !== patientId) continue;
    for (const change of snapshot.lateEntryChanges) {
      regrades.push({
        eventId: event.id,
        write: event.action as LateEntryWrite,
        chartedAt: snapshot.recordedAt,
        chartedBy: event.actorName,
        entryAt: snapshot.effectiveAt,
        drug: snapshot.drug ?? null,
        doseMg: snapshot.doseMg ?? null,
        observationId: change.id,
        observationAt: change.at,
        before: change.before,
        after: change.after,
      });
    }
    if (regrades.length >= limit) break;
  }
  return regrades.slice(0, limit);
}

function parseSnapshot(text: string | null): z.output<typeof snapshotSchema> | null {
  if (text === null) return null;
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
