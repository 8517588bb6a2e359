// Handoff sign-offs as the sheet shows them: who signed which sheet off, and when.
import { db, type Tx } from "@/lib/db";

export interface HandoffSignOffShown {
  id: string;
  patientId: string;
  /** The instant the signed sheet showed. */
  sheetAt: string;
  signedAt: string;
  signedByName: string;
  role: string;
  note: string | null;
}

type Row = {
  id: string;
  patientId: string;
  sheetAt: Date;
  signedAt: Date;
  signedByName: string;
  role: string;
  note: string | null;
};

export function toSignOffShown(row: Row): HandoffSignOffShown {
  return {
    id: row.id,
    patientId: row.patientId,
    sheetAt: row.sheetAt.toISOString(),
    signedAt: row.signedAt.toISOString(),
    signedByName: row.signedByName,
    role: row.role,
    note: row.note,
  };
}

/**
 * Sign-offs of these patients made in (from, until], latest first, by patient id. A sign-off
 * after `until` has not happened yet for a sheet as of `until`.
 */
export async function loadSignOffs(
  patientIds: readonly string[],
  from: Date,
  until: Date,
  client: typeof db | Tx = db,
): Promise<Map<string, HandoffSignOffShown[]>> {
  const rows = await client.handoffSignOff.findMany({
    where: { patientId: { in: [...patientIds] }, signedAt: { gt: from, lte: until } },
    orderBy: [{ signedAt: "desc" }, { id: "desc" }],
  });
  const byPatient = new Map<string, HandoffSignOffShown[]>(patientIds.map((id) => [id, []]));
  for (const row of rows) byPatient.get(row.patientId)?.push(toSignOffShown(row));
  return byPatient;
}
