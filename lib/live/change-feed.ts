// The clinical change feed: one `ClinicalChange` row per committed clinical write, written inside
// that write's transaction (lib/write/clinical-write.ts), read by the live stream.
//
// Why a table of its own and not the audit trail: audit ids are cuids (not ordered), some writes
// record several audit rows and sign-ins record some too. The stream needs one id per write that
// every instance sees in the same order, and "every row with id > last seen" must never skip a
// write that commits later with a smaller id:
// - SQLite: one writer at a time (lib/db.ts), so ids (AUTOINCREMENT) are handed out in commit order.
// - PostgreSQL: sequence values are handed out at insert time, and two transactions can commit in
//   the other order. So the insert first takes one feed-wide advisory lock, held until commit: the
//   next write gets its id only after this one is committed and visible. The lock is taken as the
//   write's last statement, so writes for different patients still run side by side and queue
//   only for their commit. The NOTIFY in the same transaction is delivered when it commits.
import { db, store, type Tx } from "@/lib/db";

/** What the live stream tells a page: which patient changed, how, and the event id. No clinical content. */
export interface ClinicalChangeEvent {
  id: number;
  patientId: string;
  kind: string;
}

/** PostgreSQL NOTIFY channel: its payload is the change id; listeners read the feed for the rest. */
export const CHANGE_CHANNEL = "crs_clinical_change";

// Two-key advisory lock (its own key space, apart from the one-key patient locks in lib/db.ts).
const FEED_LOCK = [0x6372, 0x0001] as const;

/** Inside the write's transaction, as its last statement: the feed row (and, on PostgreSQL, the NOTIFY sent on commit). */
export async function recordClinicalChange(tx: Tx, patientId: string, kind: string): Promise<number> {
  if (store === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FEED_LOCK[0]}::int, ${FEED_LOCK[1]}::int)`;
  const { id } = await tx.clinicalChange.create({ data: { patientId, kind }, select: { id: true } });
  if (store === "postgresql") await tx.$executeRaw`SELECT pg_notify(${CHANGE_CHANNEL}, ${String(id)})`;
  return id;
}

/** The committed changes after `afterId`, oldest first. */
export async function changesAfter(afterId: number, limit = 500): Promise<ClinicalChangeEvent[]> {
  return db.clinicalChange.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, patientId: true, kind: true },
  });
}

/** The newest committed change id (0 before the first): where a page that has just read its data starts listening. */
export async function latestChangeId(): Promise<number> {
  const newest = await db.clinicalChange.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return newest?.id ?? 0;
}

/** A Last-Event-ID or `after` value: a non-negative integer, else null (start from now). */
export function parseEventId(text: string | null | undefined): number | null {
  if (!text || !/^\d{1,15}$/.test(text.trim())) return null;
  return Number(text.trim());
}
