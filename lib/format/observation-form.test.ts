// The charting form's payload checked by the SAME schema the server uses (what the browser does
// before sending anything).
import { describe, expect, it } from "vitest";
import { describeIssues } from "@/lib/engine/validation";
import { observationAmendmentSchema, observationFormSchema } from "@/lib/observations/observation-input";
import { emptyObservationForm, observationPayload } from "./observation-form";

const tz = "Europe/London";
const now = new Date("2026-07-01T12:00:00Z");
/** A blank form with room air chosen (ASTCT-MISSING: the blank form chooses no device). */
const form = () => ({ ...emptyObservationForm(now.getTime() - 60_000, tz, "C"), oxygenDevice: "room_air" });

function check(payload: Record<string, unknown>, amending = false) {
  const schema = amending ? observationAmendmentSchema(now) : observationFormSchema(now);
  const parsed = schema.safeParse(payload);
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, issues: describeIssues(parsed.error) };
}

describe("charting form payload against the shared schema", () => {
  it("is accepted and converted to the stored observation", () => {
    const { payload } = observationPayload(
      {
        ...form(),
        temperature: "101.3",
        temperatureUnit: "F",
        heartRate: "110",
        vasopressorStatus: "running",
        vasopressors: [{ rowId: "r", agent: "norepinephrine", dose: "0.05" }],
      },
      tz,
      "key-12345678",
      false,
    );
    const result = check(payload);
    expect(result.ok && result.value).toMatchObject({
      temperatureC: 38.5,
      heartRate: 110,
      effectiveAt: "2026-07-01T11:59:00.000Z",
      vasopressorsCharted: true,
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.05 }],
      iceScore: null,
      crsDeath: false,
    });
  });

  it("sends vasopressin's dose in units/min and the others' in mcg/kg/min, each as its own field", () => {
    const { payload } = observationPayload(
      {
        ...form(),
        vasopressorStatus: "running",
        vasopressors: [
          { rowId: "a", agent: "norepinephrine", dose: "0.05" },
          { rowId: "b", agent: "vasopressin", dose: "0.03" },
        ],
      },
      tz,
      "key-12345678",
      false,
    );
    const result = check(payload);
    expect(result.ok && result.value).toMatchObject({
      vasopressors: [
        { agent: "norepinephrine", doseMcgKgMin: 0.05, doseUnitsPerMin: null },
        { agent: "vasopressin", doseMcgKgMin: null, doseUnitsPerMin: 0.03 },
      ],
    });
  });

  it("opens with vasopressors not re-checked, and sends no row left from 'Running' once another choice is made", () => {
    expect(form().vasopressorStatus).toBe("not_charted");
    const rows = [{ rowId: "r", agent: "norepinephrine", dose: "0.05" }];
    for (const vasopressorStatus of ["not_charted", "none"] as const) {
      const { payload } = observationPayload(
        { ...form(), heartRate: "90", vasopressorStatus, vasopressors: rows },
        tz,
        "key-12345678",
        false,
      );
      const result = check(payload);
      expect(result.ok && result.value).toMatchObject({ vasopressorsCharted: vasopressorStatus === "none", vasopressors: [] });
    }
  });

  it("opens with no oxygen device chosen, and saving it so names the device (ASTCT-MISSING: never an assumed room air)", () => {
    const blank = emptyObservationForm(now.getTime() - 60_000, tz, "C");
    expect(blank.oxygenDevice).toBe("");
    const { payload } = observationPayload({ ...blank, heartRate: "80" }, tz, "key-12345678", false);
    const result = check(payload);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(["oxygenDevice"]);
    const notCharted = check(
      observationPayload({ ...blank, heartRate: "80", oxygenDevice: "not_charted" }, tz, "key-12345678", false).payload,
    );
    expect(notCharted.ok && notCharted.value.oxygenDevice).toBe("not_charted");
  });

  it("names both the impossible temperature and the missing time", () => {
    const { payload, timeProblem } = observationPayload(
      { ...form(), effectiveAtLocal: "", temperature: "450", heartRate: "88" },
      tz,
      "key-12345678",
      false,
    );
    expect(timeProblem).toEqual({ path: "effectiveAt", message: "is required" });
    const result = check(payload);
    expect(result.ok).toBe(false);
    const paths = !result.ok ? Object.fromEntries(result.issues.map((i) => [i.path, i.message])) : {};
    expect(paths.temperature).toBe("450 °C is outside 25-45 °C");
    expect(paths.effectiveAt).toBeDefined();
  });

  it("charts an ICE score of 0 from the ten items (not 'not assessed')", () => {
    const { payload } = observationPayload({ ...form(), iceMode: "items" }, tz, "key-12345678", false);
    const result = check(payload);
    expect(result.ok && result.value.iceScore).toBe(0);
  });

  it("requires a reason to amend", () => {
    const { payload } = observationPayload({ ...form(), temperature: "38.7" }, tz, "key-12345678", true);
    const result = check(payload, true);
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(["reason"]);
  });
});
