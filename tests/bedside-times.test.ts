// Issue 12, point 5: bedside times have a lower bound. Every write function that takes a bedside
// time (observations, doses, their corrections, the preview, a patient's weight and infusion) is
// sent times from 0000, 1850, a month before the infusion and 9999: each is refused naming the field
// and the allowed range, and nothing is stored.
import { beforeAll, describe, expect, it } from "vitest";
import { can } from "@/lib/auth/permissions";
import { BEFORE_INFUSION_DAYS } from "@/lib/write/charting-input";
import { recordObservation } from "@/lib/observations/record-observation";
import { formKey } from "@/lib/timeline/test-ward";
import { NOW, WRITE_CASES, freshTarget, storedState } from "@/tests/helpers/write-catalogue";

const TIME_FIELDS = ["effectiveAt", "weightMeasuredAt", "infusionAt"] as const;
// The test ward's infusion: 2026-02-27T10:00Z; NOW is 2026-03-01T12:00Z.
const BAD_TIMES = [
  "0000-01-01T00:00:00Z",
  "1850-06-01T08:00:00Z",
  "2026-01-27T09:00:00Z", // 31 days before the infusion
  "2026-03-01T12:06:00Z", // 6 minutes ahead of the clock
  "9999-12-31T23:59:00Z",
];

const cases = WRITE_CASES.filter((writeCase) => writeCase.action !== "users:manage").flatMap((writeCase) =>
  TIME_FIELDS.map((field) => ({ writeCase, field })),
);

beforeAll(async () => {
  await freshTarget();
});

describe("bedside times between 30 days before the infusion and 5 minutes after now", () => {
  it("every write function refuses every out-of-range bedside time, naming the field and the range, and stores nothing", async () => {
    let tried = 0;
    let accepted = 0;
    let wronglyStored = 0;
    for (const { writeCase, field } of cases) {
      const target = await freshTarget();
      const input = writeCase.valid(target) as Record<string, unknown>;
      if (typeof input !== "object" || input === null || !(field in input)) continue;
      // The infusion's own range is wider (scheduled up to 30 days ahead): only the far-off values.
      const values =
        field === "infusionAt" ? ["0000-01-01T00:00:00Z", "1850-06-01T08:00:00Z", "9999-12-31T23:59:00Z"] : BAD_TIMES;
      for (const value of values) {
        const user = target.ward.users.physician;
        expect(can(user.role, writeCase.action)).toBe(true);
        const before = await storedState();
        const result = await writeCase.call(user, target, {
          ...input,
          [field]: value,
          ...("idempotencyKey" in input ? { idempotencyKey: formKey() } : {}),
        });
        tried++;
        if (result.ok) accepted++;
        const after = await storedState();
        if (JSON.stringify(after) !== JSON.stringify(before)) wronglyStored++;
        expect(result, `${writeCase.name} ${field}=${value}`).toMatchObject({ ok: false, kind: "invalid" });
        if (!result.ok) {
          const error = result.fieldErrors?.find((e) => e.path === field);
          expect(error?.message, `${writeCase.name} ${field}=${value}`).toMatch(
            /allowed range .* to |at most 5 minutes after now/,
          );
        }
      }
    }
    console.log(`bedside times: ${tried} out-of-range times tried, ${accepted} accepted, ${wronglyStored} writes wrongly stored`);
    expect(tried).toBeGreaterThanOrEqual(25);
    expect(accepted).toBe(0);
    expect(wronglyStored).toBe(0);
  });

  it(`accepts a set measured ${BEFORE_INFUSION_DAYS - 1} days before the infusion (lymphodepletion, pre-infusion baseline)`, async () => {
    const target = await freshTarget();
    const result = await recordObservation(
      target.ward.users.nurse,
      target.patientId,
      { idempotencyKey: formKey(), effectiveAt: "2026-01-29T10:00:00Z", temperature: 36.8, heartRate: 78 },
      NOW,
    );
    expect(result).toMatchObject({ ok: true });
  });
});
