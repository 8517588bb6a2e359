// The charting form's schema, as the browser and the API use it: blanks are "not charted", text
// numbers are read, °F is converted, and every wrong field is named with its allowed range.
import { describe, expect, it } from "vitest";
import { describeIssues } from "@/lib/engine/validation";
import { observationAmendmentSchema, observationFormSchema } from "@/lib/observations/observation-input";

const NOW = new Date("2026-03-01T12:00:00Z");
const schema = observationFormSchema(NOW);
const base = { idempotencyKey: "form-key-0001", effectiveAt: "2026-03-01T11:45:00Z" };

function errorsOf(input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(describeIssues(result.error).map((issue) => [issue.path, issue.message]));
}

describe("observationFormSchema", () => {
  it("reads a form where every blank input is empty text and numbers are text", () => {
    const result = schema.parse({
      ...base,
      temperature: "38.6",
      temperatureUnit: "C",
      heartRate: "112",
      respiratoryRate: "",
      systolicBP: "96",
      diastolicBP: "58",
      meanArterialPressure: "",
      spo2: " 95 ",
      oxygenDevice: "room_air",
      oxygenFlowLpm: "",
      fio2: "",
      vasopressors: [{ agent: "", doseMcgKgMin: "" }],
      iceScore: "",
      consciousness: "",
      seizure: "",
      motorWeakness: "",
      cerebralEdema: "",
      crsDeath: "",
      note: "  ",
    });
    expect(result).toMatchObject({
      effectiveAt: "2026-03-01T11:45:00.000Z",
      temperatureC: 38.6,
      heartRate: 112,
      respiratoryRate: null,
      systolicBP: 96,
      diastolicBP: 58,
      spo2: 95,
      oxygenDevice: "room_air",
      oxygenFlowLpm: null,
      vasopressorsCharted: false,
      vasopressors: [],
      iceScore: null,
      motorWeakness: null,
      crsDeath: false,
      note: null,
    });
  });

  it("converts °F to °C and keeps what was typed", () => {
    const result = schema.parse({ ...base, temperature: 100.4, temperatureUnit: "F" });
    expect(result.temperatureC).toBe(38);
    expect(result.temperatureAsCharted).toEqual({ value: 100.4, unit: "F" });
    expect(schema.parse({ ...base, temperature: "100.3", temperatureUnit: "F" }).temperatureC).toBe(37.94);
  });

  it("names an impossible temperature in the unit typed", () => {
    expect(errorsOf({ ...base, temperature: 450 })).toEqual({ temperature: "450 °C is outside 25-45 °C" });
    expect(errorsOf({ ...base, temperature: 113.5, temperatureUnit: "F" })).toEqual({
      temperature: "113.5 °F is outside 77-113 °F",
    });
    expect(errorsOf({ ...base, temperature: 113, temperatureUnit: "F" })).toEqual({});
  });

  it("names every wrong field in one answer", () => {
    const errors = errorsOf({
      ...base,
      temperature: 450,
      heartRate: "fast",
      spo2: 101,
      systolicBP: 80,
      diastolicBP: 90,
      oxygenDevice: "tent",
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: -1 }],
      iceScore: 7.5,
      unknownField: 1,
    });
    expect(Object.keys(errors).sort()).toEqual([
      "diastolicBP",
      "heartRate",
      "iceScore",
      "oxygenDevice",
      "spo2",
      "temperature",
      "unknownField",
      "vasopressors[0].doseMcgKgMin",
    ]);
    expect(errors.spo2).toBe("101 is outside 0-100 %");
    expect(errors.heartRate).toMatch(/"fast" is not a number; allowed 0-300 beats\/min/);
    expect(errors.diastolicBP).toBe("90 mmHg must be below the systolic 80 mmHg");
    expect(errors.oxygenDevice).toMatch(/"tent" is not an oxygen device/);
  });

  it("refuses a heart rate that is not a whole number instead of cutting it", () => {
    expect(errorsOf({ ...base, heartRate: 80.5 })).toEqual({ heartRate: "80.5 is not a whole number of beats/min" });
  });

  it("requires at least one clinical value, a submission key and a bedside time", () => {
    expect(errorsOf({ ...base, note: "seen" })).toEqual({ "(input)": "Chart at least one value" });
    expect(errorsOf({ ...base, oxygenDevice: "not_charted", vasopressors: [] })).toEqual({
      "(input)": "Chart at least one value",
    });
    const missing = errorsOf({ heartRate: 80 });
    expect(Object.keys(missing).sort()).toEqual(["effectiveAt", "idempotencyKey"]);
  });

  it("refuses a bedside time more than 5 minutes in the future, or without a time zone", () => {
    expect(errorsOf({ ...base, effectiveAt: "2026-03-01T12:05:00Z", heartRate: 80 })).toEqual({});
    expect(errorsOf({ ...base, effectiveAt: "2026-03-01T12:06:00Z", heartRate: 80 }).effectiveAt).toMatch(/in the future/);
    expect(errorsOf({ ...base, effectiveAt: "2026-03-01T11:00", heartRate: 80 }).effectiveAt).toMatch(/time zone/);
  });

  it("ASTCT-MISSING: a form sending no device choice is refused by name; a call leaving the field out charts no device, never room air", () => {
    expect(errorsOf({ ...base, heartRate: 80, oxygenDevice: "" }).oxygenDevice).toBe(
      "Choose the oxygen device (Room air when none), or Not charted for a spot check",
    );
    const parsed = observationFormSchema(NOW).safeParse({ ...base, heartRate: 80 });
    expect(parsed.success && parsed.data.oxygenDevice).toBe("not_charted");
    expect(errorsOf({ ...base, oxygenDevice: "room_air" })).toEqual({});
    expect(errorsOf({ ...base, oxygenDevice: "not_charted", oxygenFlowLpm: "2" }).oxygenDevice).toMatch(/with no device/);
  });

  it("refuses oxygen flow charted with room air", () => {
    expect(errorsOf({ ...base, oxygenDevice: "room_air", oxygenFlowLpm: "10" }).oxygenFlowLpm).toMatch(
      /10 L\/min charted with room air/,
    );
    expect(errorsOf({ ...base, oxygenDevice: "nasal_cannula", oxygenFlowLpm: "10" })).toEqual({});
  });

  it.each([null, undefined, 42, "text", [], [base], true])("names a non-object input (%j) without throwing", (input) => {
    const errors = errorsOf(input);
    expect(Object.keys(errors).length).toBeGreaterThan(0);
  });

  it("refuses a huge note and a huge key without echoing them", () => {
    const errors = errorsOf({ ...base, heartRate: 80, note: "x".repeat(5000), idempotencyKey: "k".repeat(100_000) });
    expect(errors.note).toBe("is too long (5000 characters); at most 2000");
    expect(errors.idempotencyKey?.length).toBeLessThan(200);
  });

  it("ignores the framework's own FormData fields but refuses a misspelt clinical field", () => {
    expect(errorsOf({ ...base, heartRate: 80, $ACTION_ID_abc: "" })).toEqual({});
    expect(errorsOf({ ...base, heartRate: 80, temprature: 39 }).temprature).toMatch(/is not a field of an observation/);
  });

  it("reads checkbox booleans and vasopressor dose text", () => {
    const result = schema.parse({
      ...base,
      motorWeakness: "on",
      crsDeath: "false",
      vasopressorStatus: "running",
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: "0.08" }],
    });
    expect(result.motorWeakness).toBe(true);
    expect(result.crsDeath).toBe(false);
    expect(result.vasopressors).toEqual([{ agent: "norepinephrine", doseMcgKgMin: 0.08, doseUnitsPerMin: null }]);
  });
});

describe("observationFormSchema: vasopressors not re-checked, none running, or running", () => {
  it("defaults to not re-checked: nothing stored as running, and the earlier infusions still count", () => {
    expect(schema.parse({ ...base, heartRate: 80 })).toMatchObject({ vasopressorsCharted: false, vasopressors: [] });
    expect(schema.parse({ ...base, heartRate: 80, vasopressorStatus: "not_charted" })).toMatchObject({
      vasopressorsCharted: false,
    });
  });

  it("stores none running as charted with no infusion, and counts it as something charted on its own", () => {
    expect(schema.parse({ ...base, vasopressorStatus: "none" })).toMatchObject({ vasopressorsCharted: true, vasopressors: [] });
  });

  it("stores running with its infusions", () => {
    expect(schema.parse({ ...base, vasopressorStatus: "running", vasopressors: [{ agent: "vasopressin" }] })).toMatchObject({
      vasopressorsCharted: true,
      vasopressors: [{ agent: "vasopressin", doseMcgKgMin: null, doseUnitsPerMin: null }],
    });
  });

  it("stores vasopressin in units/min and refuses a dose in the other agent's unit, naming the unit (rev 2)", () => {
    expect(
      schema.parse({
        ...base,
        vasopressorStatus: "running",
        vasopressors: [
          { agent: "vasopressin", doseUnitsPerMin: "0.04" },
          { agent: "norepinephrine", doseMcgKgMin: "0.1" },
        ],
      }),
    ).toMatchObject({
      vasopressors: [
        { agent: "vasopressin", doseMcgKgMin: null, doseUnitsPerMin: 0.04 },
        { agent: "norepinephrine", doseMcgKgMin: 0.1, doseUnitsPerMin: null },
      ],
    });
    expect(
      errorsOf({ ...base, vasopressorStatus: "running", vasopressors: [{ agent: "vasopressin", doseMcgKgMin: "0.04" }] }),
    ).toEqual({
      "vasopressors[0].doseMcgKgMin": "vasopressin is charted in units/min, not mcg/kg/min: send the dose as doseUnitsPerMin",
    });
    expect(
      errorsOf({ ...base, vasopressorStatus: "running", vasopressors: [{ agent: "norepinephrine", doseUnitsPerMin: "0.04" }] }),
    ).toEqual({
      "vasopressors[0].doseUnitsPerMin": "norepinephrine is charted in mcg/kg/min, not units/min: send the dose as doseMcgKgMin",
    });
    expect(
      errorsOf({ ...base, vasopressorStatus: "running", vasopressors: [{ agent: "vasopressin", doseUnitsPerMin: "4" }] })[
        "vasopressors[0].doseUnitsPerMin"
      ],
    ).toMatch(/units\/min/);
  });

  it("refuses running with no infusion, naming what to do", () => {
    expect(
      errorsOf({ ...base, heartRate: 80, vasopressorStatus: "running", vasopressors: [{ agent: "", doseMcgKgMin: "" }] }),
    ).toEqual({
      vasopressors: "Running is chosen: add each infusion running (drug and dose), or choose none running or not re-checked",
    });
  });

  it.each([
    ["not_charted", 'not re-checked ("not_charted")'],
    ["none", 'none running ("none")'],
    [undefined, 'not re-checked ("not_charted")'],
  ])("refuses infusions listed with %s rather than dropping them", (status, words) => {
    expect(errorsOf({ ...base, vasopressorStatus: status, vasopressors: [{ agent: "norepinephrine" }] })).toEqual({
      vasopressorStatus: `1 infusion is listed with ${words}: choose running ("running") to chart them, or remove them`,
    });
  });

  it("names an unknown status with the allowed ones", () => {
    expect(errorsOf({ ...base, heartRate: 80, vasopressorStatus: "stopped" })).toEqual({
      vasopressorStatus: '"stopped" is not a vasopressor status; use one of not_charted, none, running',
    });
  });
});

describe("observationAmendmentSchema", () => {
  it("requires a reason for the change", () => {
    const amend = observationAmendmentSchema(NOW);
    const result = amend.safeParse({ ...base, heartRate: 80, reason: " " });
    expect(result.success).toBe(false);
    expect(amend.parse({ ...base, heartRate: 80, reason: "Wrong patient's monitor" }).reason).toBe("Wrong patient's monitor");
  });
});

describe("observationFormSchema list bounds", () => {
  it("refuses a vasopressor list longer than any patient runs", () => {
    const result = observationFormSchema(NOW).safeParse({
      ...base,
      vasopressorStatus: "running",
      vasopressors: Array.from({ length: 11 }, () => ({ agent: "norepinephrine" })),
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error).every((issue) => issue.path.startsWith("vasopressors"))).toBe(true);
  });
});
