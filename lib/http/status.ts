// The one place a refusal's kind becomes an HTTP status. Forms and server actions read the kind;
// only route handlers (through respond()) and the tests of the HTTP contract see numbers.
import type { WriteFailure, WriteFailureKind } from "@/lib/write-result";

export const HTTP_STATUS_OF_KIND = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  stale_version: 409,
  limits_changed: 409,
  conflict: 409,
  // The request is well formed but cannot be processed with this key: nothing was stored.
  idempotency_mismatch: 422,
} as const satisfies Record<WriteFailureKind, number>;

export type WriteFailureStatus = (typeof HTTP_STATUS_OF_KIND)[WriteFailureKind];

export function httpStatusOf(failure: Pick<WriteFailure, "kind">): WriteFailureStatus {
  return HTTP_STATUS_OF_KIND[failure.kind];
}
