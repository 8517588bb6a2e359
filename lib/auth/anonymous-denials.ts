// Refusals of nobody (no session) are coalesced, so an anonymous client cannot grow the audit trail
// without bound and the count is still kept. Per client address and ten-minute window:
//  - the first refusal is an `auth.denied` audit event at once (what was tried, from where);
//  - the further ones only add to a working counter (AnonymousDenialCount, not evidence, so it may
//    be updated: the audit trail stays append-only);
//  - once the window has closed, its count becomes one `auth.denied_repeated` audit event and the
//    counter row goes. Closing happens with the next anonymous refusal and when the audit log opens.
// So 50 refused requests from one address make 2 audit rows (1 + "49 more"), and nothing is lost.
// Signed-in users' refusals are not coalesced: each is an event of an accountable person.
import { writeTransaction, type Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/events";

export const DENIAL_WINDOW_MINUTES = 10;
const WINDOW_MS = DENIAL_WINDOW_MINUTES * 60_000;
const NOBODY: AuditActor = { id: null, name: null, role: null };

type DenialWriter = Pick<Tx, "auditEvent" | "anonymousDenialCount">;

export function denialWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
}

/** Writes the count of every window that closed before `now` as one audit event each. */
export async function flushClosedDenialWindows(tx: DenialWriter, now: Date): Promise<number> {
  const closed = await tx.anonymousDenialCount.findMany({ where: { windowStart: { lt: denialWindowStart(now) } } });
  let written = 0;
  for (const row of closed) {
    // Deleting first, and writing only what this transaction deleted: two instances closing the
    // same window concurrently write its event once.
    const taken = await tx.anonymousDenialCount.deleteMany({
      where: { clientAddress: row.clientAddress, windowStart: row.windowStart },
    });
    if (taken.count === 0 || row.count <= 1) continue;
    await recordAudit(tx, NOBODY, {
      action: "auth.denied_repeated",
      entityType: "route",
      entityId: row.lastPath,
      after: {
        clientAddress: row.clientAddress,
        windowStart: row.windowStart.toISOString(),
        windowEnd: new Date(row.windowStart.getTime() + WINDOW_MS).toISOString(),
        repeats: row.count - 1,
      },
    });
    written++;
  }
  return written;
}

export interface AnonymousDenial {
  clientAddress: string;
  where: string;
  permission: string;
}

export function recordAnonymousDenial(denial: AnonymousDenial, now = new Date()): Promise<void> {
  return writeTransaction(async (tx) => {
    await flushClosedDenialWindows(tx, now);
    const windowStart = denialWindowStart(now);
    const counter = await tx.anonymousDenialCount.upsert({
      where: { clientAddress_windowStart: { clientAddress: denial.clientAddress, windowStart } },
      create: { clientAddress: denial.clientAddress, windowStart, count: 1, lastPath: denial.where },
      update: { count: { increment: 1 }, lastPath: denial.where },
    });
    if (counter.count > 1) return;
    await recordAudit(tx, NOBODY, {
      action: "auth.denied",
      entityType: "route",
      entityId: denial.where,
      after: { permission: denial.permission, clientAddress: denial.clientAddress },
    });
  });
}

/** For the audit log: close finished windows so their counts show. */
export function closeFinishedDenialWindows(now = new Date()): Promise<number> {
  return writeTransaction((tx) => flushClosedDenialWindows(tx, now));
}
