// Submission keys (prisma model SubmissionKey): a key is bound to the first request it was used
// for. Read and written inside the write transaction, so the check and the write commit together.
import type { Tx } from "@/lib/db";
import { failed, type WriteFailure } from "@/lib/write-result";

export interface SubmittedRequest {
  key: string;
  fingerprint: string;
  write: string;
  targetId: string;
}

export type KeyCheck = { kind: "new" } | { kind: "repeat"; resultId: string } | { kind: "mismatch"; failure: WriteFailure };

export const submissionKeyReused = (): WriteFailure =>
  failed("idempotency_mismatch", "This submission key was already used for a different entry.");

/** Whether `request.key` is new, a repeat of the same request, or already used for another one. */
export async function checkSubmissionKey(client: Pick<Tx, "submissionKey">, request: SubmittedRequest): Promise<KeyCheck> {
  const stored = await client.submissionKey.findUnique({ where: { key: request.key } });
  if (!stored) return { kind: "new" };
  // Keys stored before requests were fingerprinted match on the write and what it named.
  const same =
    stored.fingerprint === null
      ? stored.write === request.write && stored.targetId === request.targetId
      : stored.fingerprint === request.fingerprint;
  return same ? { kind: "repeat", resultId: stored.resultId } : { kind: "mismatch", failure: submissionKeyReused() };
}

export async function recordSubmissionKey(
  tx: Pick<Tx, "submissionKey">,
  request: SubmittedRequest,
  resultId: string,
  now: Date,
): Promise<void> {
  await tx.submissionKey.create({ data: { ...request, resultId, createdAt: now } });
}
