// The ward board as it stood at a past instant T (CLINICAL-RULES ASOF): the patients admitted and
// not yet discharged at T, each graded from the facts recorded up to T with `now` = T
// (lib/replay/as-of.ts), in the board's own rows and order (lib/ward/ward-board.ts). Its own reads,
// never the live board's fact cache. A read: `clinical:view`, audited (who, which ward, as of when,
// whose rows) before it is shown.
import type { CurrentUser } from "@/lib/auth/authorize";
import { actorOf, authorize } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { db, writeTransaction } from "@/lib/db";
import { isInstant } from "@/lib/engine";
import { patientsAsOf } from "@/lib/facts/patient-as-of";
import { gradeAsOf, loadRecordedAsOf } from "@/lib/replay/as-of";
import { sortByAcuity } from "@/lib/ward/acuity";
import { acuityFactsOf, wardBoardRow, type WardBoardRow } from "@/lib/ward/ward-board";
import { boardPatientColumns } from "@/lib/ward/board-patients";
import { accessDenied, failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface BoardReplay {
  asOf: string;
  rows: WardBoardRow[];
}

/** "all" in the audit trail: the board of every ward. */
export const ALL_WARDS = "all";

export async function loadBoardReplay(
  user: CurrentUser | null,
  asOf: unknown,
  options: { wardId?: string } = {},
  now = new Date(),
): Promise<WriteResult<BoardReplay>> {
  const denial = await authorize(user, "clinical:view", "board replay");
  if (denial || !user) return accessDenied(denial);
  if (typeof asOf !== "string" || !isInstant(asOf)) {
    return failed("invalid", "Choose the moment to replay", { fieldErrors: [{ path: "asOf", message: "is not a time" }] });
  }
  const at = new Date(Date.parse(asOf));
  if (at.getTime() > now.getTime()) {
    return failed("invalid", "A replay shows the past", { fieldErrors: [{ path: "asOf", message: "is in the future" }] });
  }
  // Admitted by then and not discharged before it; the ward, bed and settings are the record's
  // version in force at T (lib/facts/patient-as-of.ts), so a later move or edit does not show.
  // A patient marked discharged without a discharge time cannot be placed, so is left out.
  const candidates = await db.patient.findMany({
    where: { createdAt: { lte: at }, OR: [{ status: "active" }, { dischargedAt: { gt: at } }] },
    select: boardPatientColumns,
  });
  const records = await patientsAsOf(
    db,
    candidates.map((patient) => patient.id),
    at,
  );
  const patients = candidates
    .map((patient) => ({ ...patient, ...records.get(patient.id)! }))
    .filter((patient) => !options.wardId || patient.wardId === options.wardId);
  const recorded = await loadRecordedAsOf(
    db,
    patients.map((patient) => patient.id),
    at,
  );
  const rows = patients.map((patient) => {
    const facts = recorded.get(patient.id)!;
    // They were on the ward then, whatever their status is today.
    return wardBoardRow({ ...patient, status: "active" }, gradeAsOf(patient, facts, at), facts.taskFacts.pauses, at);
  });
  const board = sortByAcuity(rows, acuityFactsOf);
  await writeTransaction((tx) =>
    recordAudit(tx, actorOf(user), {
      action: "replay.board_view",
      entityType: "ward",
      entityId: options.wardId ?? ALL_WARDS,
      after: { asOf: at.toISOString(), patientIds: board.map((row) => row.patient.id) },
    }),
  );
  return succeeded({ asOf: at.toISOString(), rows: board });
}
