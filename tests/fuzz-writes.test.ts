// Property-based malformed input to every write function (fast-check), as a user allowed to
// write: random JSON values, wrong types, out-of-range numbers, huge strings, nested junk, unknown
// and missing fields. Every one must be refused as a value (never thrown: a throw is a 5xx), with a
// 400 naming the field, and must store and audit nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/db";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { WRITE_CASES, freshTarget, type Target, type WriteCase } from "@/tests/helpers/write-catalogue";

const RUNS_PER_KIND = 60;
const tried: Record<string, number> = {};

/** Fields a valid submission cannot do without (removing one must be refused). */
const REQUIRED: Record<string, string[]> = {
  admitPatient: [
    "mrn",
    "name",
    "birthDate",
    "sex",
    "weightKg",
    "weightMeasuredAt",
    "wardId",
    "bed",
    "product",
    "therapy",
    "infusionAt",
  ],
  editPatient: ["mrn", "name", "expectedVersion", "reason", "weightKg"],
  dischargePatient: ["expectedVersion", "reason"],
  recordObservation: ["idempotencyKey", "effectiveAt"],
  amendObservation: ["effectiveAt", "reason"],
  markObservationInError: ["reason"],
  recordDose: ["idempotencyKey", "drug", "doseMg", "route", "effectiveAt"],
  previewDose: ["drug", "doseMg", "route", "effectiveAt"],
  amendDose: ["drug", "doseMg", "route", "effectiveAt", "reason"],
  markDoseInError: ["reason"],
  confirmDoseOverride: ["flags", "reason"],
  recordWeight: ["measuredAt", "kg"],
  signOffHandoff: ["idempotencyKey", "sheetAt"],
  acknowledgeTask: ["idempotencyKey", "taskId", "outcome"],
  pauseObservations: ["idempotencyKey", "from", "reason"],
  recordMissedSet: ["idempotencyKey", "effectiveAt", "setStatus", "statusReason"],
  importAcknowledgement: [
    "idempotencyKey",
    "taskId",
    "fileTaskId",
    "fileAcknowledgementId",
    "at",
    "by",
    "role",
    "outcome",
    "note",
  ],
  recordDoseWithCarriedConfirmation: ["idempotencyKey", "drug", "doseMg", "route", "effectiveAt"],
  createUser: ["username", "displayName", "role", "password"],
  reactivateUser: ["userId"],
  deactivateUser: ["userId"],
};

const HUGE = "x".repeat(20_000);

/** Values that are wrong for any field of any form: structures where a scalar belongs, numbers no range admits, text no field's length admits. */
const junkForAnyField = fc.oneof(
  fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 4 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }).map((a) => [{ nested: a }, ...a]),
  fc.constantFrom(HUGE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1e308, 1e308, -0.000001, true),
);
/** Number-shaped text that is still not a charted number (wrong only where a number belongs: elsewhere it is valid text). */
const junkForNumberField = fc.oneof(
  junkForAnyField,
  fc.constantFrom("NaN", "Infinity", "-1e308", "1e308", "0x1A", `9${"9".repeat(400)}`, "38,5", "12abc"),
);

const numberLike = (value: unknown) => typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value));

function payloadKinds(writeCase: WriteCase, target: Target): Record<string, fc.Arbitrary<unknown>> {
  const valid = () => writeCase.valid(target) as Record<string, unknown>;
  const fields = Object.keys(valid());
  const required = REQUIRED[writeCase.name];
  if (!required) throw new Error(`REQUIRED names no fields for ${writeCase.name}`);
  return {
    // Anything JSON can say, and a few things it cannot, at the top level.
    "random value": fc.oneof(
      fc
        .jsonValue({ maxDepth: 4 })
        .filter((v) =>
          v === null
            ? required.length > 0
            : typeof v !== "object" || Array.isArray(v) || Object.keys(v).some((k) => !fields.includes(k)),
        ),
      // A form with no required field reads "no body" as an empty form (confirmDoseOverride): not malformed there.
      fc.constantFrom(...(required.length ? [undefined, null] : []), "", HUGE, 0, Number.NaN, [], [valid()]),
    ),
    "wrong or out-of-range field": fc
      .constantFrom(...fields)
      .chain((field) =>
        (numberLike(valid()[field]) ? junkForNumberField : junkForAnyField).map((value) => ({ ...valid(), [field]: value })),
      ),
    "unknown field": fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !fields.includes(k) && !k.startsWith("$") && k !== "__proto__"),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([key, value]) => ({ ...valid(), [key]: value })),
    "missing field":
      required.length === 0
        ? fc.constant(undefined).map(() => ({ reason: null, idempotencyKey: 7 }))
        : fc.subarray(required, { minLength: 1 }).map((drop) => {
            const input = valid();
            for (const field of drop) delete input[field];
            return input;
          }),
  };
}

async function counts() {
  const [patients, versions, users, active, observations, vasopressors, doses, events] = await Promise.all([
    db.patient.count(),
    db.patient.aggregate({ _sum: { version: true } }),
    db.user.count(),
    db.user.count({ where: { active: true } }),
    db.observation.count(),
    db.vasopressorInfusion.count(),
    db.medicationAdministration.count(),
    db.auditEvent.count(),
  ]);
  return { patients, patientVersions: versions._sum.version, users, active, observations, vasopressors, doses, events };
}

let target: Target;
beforeAll(async () => {
  target = await freshTarget();
});

afterAll(() => {
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  console.log(`fuzz: ${total} malformed payloads to ${WRITE_CASES.length} write functions`, JSON.stringify(tried));
});

describe.each(WRITE_CASES)("$name refuses malformed input", (writeCase) => {
  const role = PERMISSIONS[writeCase.action][0];

  it.each(["random value", "wrong or out-of-range field", "unknown field", "missing field"])("%s", async (kind) => {
    const arbitrary = payloadKinds(writeCase, target)[kind];
    if (!arbitrary) throw new Error(`no payloads of kind ${kind}`);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        tried[writeCase.name] = (tried[writeCase.name] ?? 0) + 1;
        const before = await counts();
        const result = await writeCase.call(target.ward.users[role], target, input);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.kind).toBe("invalid");
        expect(result.message.length).toBeGreaterThan(0);
        expect(result.fieldErrors?.length ?? 0).toBeGreaterThan(0);
        for (const error of result.fieldErrors!) {
          expect(error.path.length).toBeGreaterThan(0);
          expect(error.message.length).toBeGreaterThan(0);
          // An echo of 200,000 characters is not a message a nurse can read.
          expect(error.message.length).toBeLessThan(1000);
        }
        expect(await counts()).toEqual(before);
      }),
      { numRuns: RUNS_PER_KIND, seed: 20261122 },
    );
  });
});
