// A receiving clinician signs a patient's handoff off (issue: "handoff that is handed over"): an
// append-only HandoffSignOff row and its audit event (handoff.sign_off) in one transaction,
// through the one write path.
import type { CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { formatWardDateTime } from "@/lib/format/time";
import { signOffSchemaAt, type SignOffFields } from "@/lib/handoff/sign-off-input";
import { toSignOffShown, type HandoffSignOffShown } from "@/lib/handoff/sign-offs";
import { noSuchPatient } from "@/lib/write/charting-write";
import { clinicalWrite, type ReplayContext, type WriteContext } from "@/lib/write/clinical-write";
import { failed, succeeded, type WriteResult } from "@/lib/write-result";

async function replay({ client }: ReplayContext, signOffId: string): Promise<WriteResult<HandoffSignOffShown>> {
  return succeeded(toSignOffShown(await client.handoffSignOff.findUniqueOrThrow({ where: { id: signOffId } })));
}

async function write({
  tx,
  user,
  actor,
  input,
  targetId: patientId,
  submissionKey,
  now,
}: WriteContext<SignOffFields>): Promise<WriteResult<HandoffSignOffShown>> {
  const patient = await tx.patient.findUnique({
    where: { id: patientId },
    select: { name: true, status: true, dischargedAt: true, ward: { select: { timeZone: true } } },
  });
  if (!patient) return noSuchPatient();
  if (patient.status === "discharged") {
    const when = patient.dischargedAt ? ` at ${formatWardDateTime(patient.dischargedAt, patient.ward.timeZone)}` : "";
    return failed("conflict", `${patient.name} was discharged${when}: there is no handoff to sign off.`);
  }
  const row = await tx.handoffSignOff.create({
    data: {
      patientId,
      sheetAt: new Date(input.sheetAt),
      signedAt: now,
      signedById: user.id,
      signedByName: user.displayName,
      role: user.role,
      note: input.note,
      idempotencyKey: submissionKey,
    },
  });
  const signOff = toSignOffShown(row);
  await recordAudit(tx, actor, {
    action: "handoff.sign_off",
    entityType: "handoff",
    entityId: row.id,
    after: {
      patientId,
      sheetAt: signOff.sheetAt,
      signedAt: signOff.signedAt,
      signedById: user.id,
      signedByName: signOff.signedByName,
      role: signOff.role,
      note: signOff.note,
    },
  });
  return succeeded(signOff);
}

/**
 * Sign off the handoff of patient `patientId`: input { idempotencyKey, sheetAt, note? }.
 * Permission `handoff:sign-off` (nurses and physicians: the clinicians who receive a handoff).
 * unauthenticated/forbidden (audited) -> not_found -> invalid (every wrong field) -> conflict
 * (discharged) -> idempotency_mismatch (the form's key already signed something else).
 */
export function signOffHandoff(
  user: CurrentUser | null,
  patientId: unknown,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult<HandoffSignOffShown>> {
  return clinicalWrite({
    write: "handoff.sign_off",
    site: "signOffHandoff",
    permission: "handoff:sign-off",
    user,
    target: { id: patientId, notFound: noSuchPatient },
    schema: signOffSchemaAt(now),
    input,
    now,
    idempotency: { key: (fields) => fields.idempotencyKey, resultId: (value) => value.id, replay },
    run: write,
  });
}
