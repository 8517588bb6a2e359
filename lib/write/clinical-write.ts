// The one write path. Every server function that changes clinical data (observations, doses,
// their corrections, patient records) is one call of `clinicalWrite` with one options object:
//
//   authorize (unauthenticated / forbidden, audited) -> the target's id (not_found) -> validate with
//   the shared schema (invalid, naming every field) -> the write's preparation, outside the
//   transaction (reading and grading the patient's history) -> one transaction: submission key
//   check, the write with its audit event (and the tocilizumab re-check, late-entry records), the
//   key bound to this request -> the result.
//
// The transaction holds the one writer (SQLite) or the patient's lock (PostgreSQL): what costs as
// much as the patient's history (loading every set, grading the timeline) is prepared before it, and
// the transaction only checks that nothing was written for the patient since (lib/observations/
// fact-snapshot.ts), else it works from the facts it reads itself.
//
// A refusal from inside the transaction rolls it back, so a refused write never leaves a trace.
// A repeat of the same request under the same submission key answers what the first one stored;
// the same key with a different request is refused (idempotency_mismatch) and stores nothing.
import type { z } from "zod";
import { actorOf, authorize, type CurrentUser } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import type { AuditActor, AuditAction } from "@/lib/audit/events";
import { db, lockPatientForWrite, writeTransaction, type Tx } from "@/lib/db";
import { recordClinicalChange } from "@/lib/live/change-feed";
import { announceClinicalChange } from "@/lib/live/change-hub";
import { actionSite, asId, isUniqueViolation } from "@/lib/write/charting-write";
import { requestFingerprint } from "@/lib/write/fingerprint";
import { checkSubmissionKey, recordSubmissionKey, type SubmittedRequest } from "@/lib/write/submission-keys";
import { accessDenied, invalidInput, type WriteFailure, type WriteResult } from "@/lib/write-result";

/** What the preparation is given, before the transaction (reads with `db`; writes nothing). */
export interface PrepareContext<Input> {
  user: CurrentUser;
  input: Input;
  targetId: string;
  now: Date;
}

/** What the write itself is given, inside its transaction. */
export interface WriteContext<Input, Prepared = undefined> {
  tx: Tx;
  user: CurrentUser;
  actor: AuditActor;
  input: Input;
  /** The patient or fact version the request names ("" when it names none, e.g. admitting). */
  targetId: string;
  /** The form's submission key, bound to this request: the fact row keeps it too (unique there as well). */
  submissionKey: string | null;
  now: Date;
  /** What `prepare` worked out before the transaction (undefined without one): to be checked against what the transaction reads. */
  prepared: Prepared | undefined;
}

/** What a replay is given: the client to read with (the transaction, or `db` after a lost race). */
export interface ReplayContext {
  client: Tx | typeof db;
  now: Date;
}

export interface ClinicalWriteOptions<Input, Value, Prepared = undefined> {
  /** The audit action the write records: names the write in submission-key fingerprints. */
  write: AuditAction;
  /** The server function's name, for the auth.denied audit event ("recordObservation"). */
  site: string;
  /** The permission the caller needs (lib/auth/permissions.ts). */
  permission: Action;
  user: CurrentUser | null;
  /** The patient or fact version named by the URL, and the refusal when it cannot name one. Absent: the write names none. */
  target?: { id: unknown; notFound: () => WriteFailure };
  /**
   * The patient whose facts the write changes, when the target is a fact version (a correction):
   * its writes are serialised with the patient's other writes (lockPatientForWrite). Absent: the
   * target is the patient itself.
   */
  patientOfTarget?: (tx: Tx, targetId: string) => Promise<string | null>;
  /** The patient a write that names none (admitting) created: what the live stream reports. */
  patientOfResult?: (value: Value) => string;
  /** The shared zod schema (the form checks the same one in the browser). */
  schema: z.ZodType<Input>;
  input: unknown;
  now: Date;
  /** Submission keys: where the validated input carries the form's key, how to find the stored row, and how to answer a repeat. */
  idempotency?: {
    key: (input: Input) => string | null;
    resultId: (value: Value) => string;
    replay: (context: ReplayContext, resultId: string) => Promise<WriteResult<Value>>;
  };
  /**
   * Before the transaction, with the input validated: the costly reading and grading the write can
   * do without holding the writer. A repeat of a submission key prepares in vain (the transaction
   * answers the first result): harmless, it writes nothing.
   */
  prepare?: (context: PrepareContext<Input>) => Promise<Prepared>;
  /** Inside the transaction: the write and its audit event. A refusal rolls back whatever it wrote before refusing. */
  run: (context: WriteContext<Input, Prepared>) => Promise<WriteResult<Value>>;
  /** A unique constraint the database enforced (two corrections of one version racing): the refusal, or null to rethrow. */
  onUniqueViolation?: (error: unknown, input: Input) => Promise<WriteFailure | null>;
}

export async function clinicalWrite<Input, Value, Prepared = undefined>(
  options: ClinicalWriteOptions<Input, Value, Prepared>,
): Promise<WriteResult<Value>> {
  const { user, now } = options;
  const denial = await authorize(
    user,
    options.permission,
    options.target ? actionSite(options.site, options.target.id) : options.site,
  );
  if (denial || !user) return accessDenied(denial);
  let targetId = "";
  if (options.target) {
    const id = asId(options.target.id);
    if (!id) return options.target.notFound();
    targetId = id;
  }
  const parsed = options.schema.safeParse(options.input);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;

  const idempotency = options.idempotency;
  const key = idempotency?.key(input) ?? null;
  const request: SubmittedRequest | null =
    key === null
      ? null
      : {
          key,
          write: options.write,
          targetId,
          fingerprint: requestFingerprint({ write: options.write, targetId, input: withoutKey(input) }),
        };

  /** The answer when the key was used before: the first result, or the refusal of a different request. */
  const earlier = async (client: Tx | typeof db): Promise<WriteResult<Value> | null> => {
    if (!request || !idempotency) return null;
    const check = await checkSubmissionKey(client, request);
    if (check.kind === "new") return null;
    if (check.kind === "mismatch") return check.failure;
    return idempotency.replay({ client, now }, check.resultId);
  };

  const prepared = options.prepare ? await options.prepare({ user, input, targetId, now }) : undefined;
  try {
    const written = await writeTransaction(async (tx): Promise<WriteResult<Value>> => {
      // One writer per patient at a time (on PostgreSQL several instances write at once): the
      // tocilizumab re-check and the key check below see every write committed before this one.
      const patientId = options.patientOfTarget ? await options.patientOfTarget(tx, targetId) : targetId;
      if (patientId) await lockPatientForWrite(tx, patientId);
      // Inside the transaction: a submit that raced the first one sees it here.
      const repeat = await earlier(tx);
      if (repeat) return repeat;
      const result = await options.run({ tx, user, actor: actorOf(user), input, targetId, submissionKey: key, now, prepared });
      if (!result.ok) throw new RefusedWrite(result);
      if (request && idempotency) await recordSubmissionKey(tx, request, idempotency.resultId(result.value), now);
      // Last: the live stream's feed row (it queues for commit order on PostgreSQL, lib/live/change-feed.ts).
      const changed = patientId || options.patientOfResult?.(result.value);
      if (changed) await recordClinicalChange(tx, changed, options.write);
      return result;
    });
    // Committed: open live streams on this instance read the feed now (others hear the NOTIFY).
    if (written.ok) announceClinicalChange();
    return written;
  } catch (error) {
    if (error instanceof RefusedWrite) return error.failure;
    // Two processes submitted the same key at once: the loser answers from the winner's row.
    if (request && (isUniqueViolation(error, ["key"]) || isUniqueViolation(error, ["idempotencyKey"]))) {
      const repeat = await earlier(db);
      if (repeat) return repeat;
    }
    const refusal = options.onUniqueViolation ? await options.onUniqueViolation(error, input) : null;
    if (refusal) return refusal;
    throw error;
  }
}

/** Thrown inside the transaction so that a refused write stores nothing, whatever it did first. */
class RefusedWrite extends Error {
  constructor(readonly failure: WriteFailure) {
    super(failure.message);
  }
}

/** The key itself is what is looked up, not part of what it is bound to. */
function withoutKey(input: unknown): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return rest;
}
