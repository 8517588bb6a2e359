// The one mapping from a refusal's kind to an HTTP status, and respond() using it.
import { describe, expect, it } from "vitest";
import { respond } from "@/lib/http/respond";
import { HTTP_STATUS_OF_KIND, httpStatusOf } from "@/lib/http/status";
import { failed, WRITE_FAILURE_KINDS, type WriteFailureKind } from "@/lib/write-result";

const EXPECTED: Record<WriteFailureKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  stale_version: 409,
  limits_changed: 409,
  conflict: 409,
  idempotency_mismatch: 422,
};

describe("httpStatusOf", () => {
  it("gives every kind its status, and nothing a 5xx", () => {
    expect(Object.keys(HTTP_STATUS_OF_KIND).sort()).toEqual([...WRITE_FAILURE_KINDS].sort());
    for (const kind of WRITE_FAILURE_KINDS) {
      expect(httpStatusOf(failed(kind, "x"))).toBe(EXPECTED[kind]);
    }
  });

  it("is what respond() answers, with the message, field errors and limits as the body", async () => {
    const conflict = { flags: ["TOCI_INTERVAL_UNDER_8H"], reasons: [], nextEligibleAt: null, recommendedDoseMg: 560 };
    for (const kind of WRITE_FAILURE_KINDS) {
      const response = respond(
        failed(kind, `refused: ${kind}`, { fieldErrors: [{ path: "doseMg", message: "wrong" }], conflict }),
      );
      expect(response.status).toBe(EXPECTED[kind]);
      expect(await response.json()).toEqual({
        error: `refused: ${kind}`,
        fieldErrors: [{ path: "doseMg", message: "wrong" }],
        conflict,
      });
    }
    const ok = respond({ ok: true, value: { id: "p1" } }, 201);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ id: "p1" });
  });
});
