// A patient's chart as it stood at a past instant (CLINICAL-RULES ASOF): only the facts recorded
// up to that instant (lib/replay/as-of.ts: a later amendment, a dose charted afterwards, an
// "entered in error", a confirmation or acknowledgement given later are not there yet), graded by
// the engine with `now` = that instant. So the tocilizumab counters, grades, timers and
// recommendations are the ones the team saw then. A read: `clinical:view`, and audited (who looked at whose chart, as of when) before it is shown.
import type { CurrentUser } from "@/lib/auth/authorize";
import { actorOf, authorize } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { db, writeTransaction } from "@/lib/db";
import { isInstant, type TimelineOutput } from "@/lib/engine";
import { patientAsOf } from "@/lib/facts/patient-as-of";
import { gradeAsOf, loadRecordedAsOf } from "@/lib/replay/as-of";
import { ENTERED_IN_ERROR } from "@/lib/timeline/engine-input";
import type { DoseVersion, ObservationVersion } from "@/lib/timeline/facts";
import { accessDenied, failed, succeeded, type WriteResult } from "@/lib/write-result";

export interface Replay {
  asOf: string;
  patient: { id: string; name: string; mrn: string; bed: string; weightKg: number; timeZone: string };
  /** The versions current at `asOf` (entered-in-error ones included, as the chart showed them struck through). */
  observations: ObservationVersion[];
  doses: DoseVersion[];
  graded: TimelineOutput;
}

export async function loadReplay(
  user: CurrentUser | null,
  patientId: string,
  asOf: unknown,
  now = new Date(),
): Promise<WriteResult<Replay>> {
  const denial = await authorize(user, "clinical:view", `replay ${patientId.slice(0, 100)}`);
  if (denial || !user) return accessDenied(denial);
  if (typeof asOf !== "string" || !isInstant(asOf)) {
    return failed("invalid", "Choose the instant to replay", { fieldErrors: [{ path: "at", message: "is not a time" }] });
  }
  const asOfMs = Date.parse(asOf);
  if (asOfMs > now.getTime()) {
    return failed("invalid", "A replay shows the past", { fieldErrors: [{ path: "at", message: "is in the future" }] });
  }
  const at = new Date(asOfMs);
  // The record as it stood then: the grading settings, bed and ward in force at that instant.
  const patient = await patientAsOf(db, patientId, at);
  if (!patient) return failed("not_found", "No such patient: the link may be out of date.");
  if (patient.createdAt.getTime() > asOfMs) return failed("not_found", `${patient.name} was not yet admitted at that time.`);
  const ward = await db.ward.findUniqueOrThrow({ where: { id: patient.wardId }, select: { timeZone: true } });
  const recorded = (await loadRecordedAsOf(db, [patientId], at)).get(patientId)!;
  const graded = gradeAsOf(patient, recorded, at);
  await writeTransaction((tx) =>
    recordAudit(tx, actorOf(user), {
      action: "replay.view",
      entityType: "patient",
      entityId: patientId,
      after: { asOf: at.toISOString() },
    }),
  );
  return succeeded({
    asOf: at.toISOString(),
    patient: {
      id: patient.id,
      name: patient.name,
      mrn: patient.mrn,
      bed: patient.bed,
      weightKg: patient.weightKg,
      timeZone: ward.timeZone,
    },
    observations: recorded.observations.filter((row) => row.status !== ENTERED_IN_ERROR),
    doses: recorded.doses.filter((row) => row.status !== ENTERED_IN_ERROR),
    graded,
  });
}
