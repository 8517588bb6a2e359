import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  describeIssues,
  formatIssues,
  formatPath,
  observationSchema,
  OXYGEN_DEVICE_LABELS,
  OXYGEN_DEVICES,
  parseTimelineInput,
  parseTimelineJson,
  temperatureCSchema,
  VASOPRESSOR_AGENT_LABELS,
  VASOPRESSOR_AGENTS,
  CONSCIOUSNESS_LABELS,
  CONSCIOUSNESS_LEVELS,
  SEIZURE_KINDS,
  SEIZURE_LABELS,
  CEREBRAL_EDEMA_KINDS,
  CEREBRAL_EDEMA_LABELS,
  DRUGS,
  DRUG_LABELS,
  ROUTES,
  ROUTE_LABELS,
  weightKgSchema,
} from "./index";

const valid = {
  patient: { id: "p1", weightKg: 70, gradingSystem: "ASTCT" },
  observations: [
    {
      id: "o1",
      at: "2026-03-01T06:00:00Z",
      temperatureC: 38.6,
      heartRate: 112,
      respiratoryRate: 22,
      systolicBP: 86,
      diastolicBP: 50,
      meanArterialPressure: 62,
      spo2: 93,
      oxygen: { device: "nasal_cannula", flowLpm: 4, fio2: 0.32 },
      vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.05 }],
      iceScore: 9,
      consciousness: "awakens_to_voice",
      seizure: "none",
      motorWeakness: false,
      cerebralEdema: "none",
    },
  ],
  medications: [{ id: "m1", at: "2026-03-01T07:00:00Z", drug: "tocilizumab", doseMg: 560, route: "IV" }],
  now: "2026-03-02T06:00:00Z",
};

/** The first entry of a list the valid timeline is known to fill. */
function first<T>(list: T[]): T {
  const entry = list[0];
  if (entry === undefined) throw new Error("the valid timeline has an entry here");
  return entry;
}

/** The input with one observation field replaced, as the lines the CLI would print. */
function errorsFor(patch: Record<string, unknown>): string[] {
  const input = structuredClone(valid) as { observations: Record<string, unknown>[] };
  Object.assign(first(input.observations), patch);
  const result = parseTimelineInput(input);
  if (result.success) return [];
  return formatIssues(result.issues).split("\n");
}

describe("timelineInputSchema", () => {
  it("accepts the documented example", () => {
    const result = parseTimelineInput(valid);
    expect(result.success).toBe(true);
  });

  it("accepts an observation with only id and time, and null for absent vitals", () => {
    const result = parseTimelineInput({
      patient: { id: "p1" },
      observations: [{ id: "o1", at: "2026-03-01T06:00:00+01:00", temperatureC: null, oxygen: null }],
    });
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data.medications).toEqual([]);
      expect(result.data.now).toBeUndefined();
    }
  });

  it.each([
    [{ temperatureC: 450 }, "observations[0].temperatureC: 450 is outside 25-45 °C"],
    [{ temperatureC: 24.9 }, "observations[0].temperatureC: 24.9 is outside 25-45 °C"],
    [{ temperatureC: "38.5" }, 'observations[0].temperatureC: "38.5" is not a number; allowed 25-45 °C'],
    [{ heartRate: 301 }, "observations[0].heartRate: 301 is outside 0-300 beats/min"],
    [{ respiratoryRate: 81 }, "observations[0].respiratoryRate: 81 is outside 0-80 breaths/min"],
    [{ systolicBP: 301 }, "observations[0].systolicBP: 301 is outside 0-300 mmHg"],
    [{ spo2: 101 }, "observations[0].spo2: 101 is outside 0-100 %"],
    [{ iceScore: 11 }, "observations[0].iceScore: 11 is outside 0-10 (ICE score)"],
    [{ iceScore: 9.5 }, "observations[0].iceScore: 9.5 is not a whole number; allowed 0-10 (ICE score)"],
    [{ systolicBP: 80, diastolicBP: 80 }, "observations[0].diastolicBP: 80 mmHg must be below the systolic 80 mmHg"],
    [{ id: "" }, "observations[0].id: is required"],
    [{ id: undefined }, "observations[0].id: is required"],
    [{ at: undefined }, "observations[0].at: is required"],
    [
      { at: "2026-03-01 06:00" },
      'observations[0].at: "2026-03-01 06:00" is not a valid time; use ISO-8601 with a time zone, e.g. 2026-03-01T06:00:00Z',
    ],
    [
      { at: "2026-02-30T06:00:00Z" },
      'observations[0].at: "2026-02-30T06:00:00Z" is not a valid time; use ISO-8601 with a time zone, e.g. 2026-03-01T06:00:00Z',
    ],
    [
      { at: "2026-03-01T06:00:00" },
      'observations[0].at: "2026-03-01T06:00:00" is not a valid time; use ISO-8601 with a time zone, e.g. 2026-03-01T06:00:00Z',
    ],
    [{ oxygen: { device: "nasal_cannula", flowLpm: 81 } }, "observations[0].oxygen.flowLpm: 81 is outside 0-80 L/min"],
    [
      { oxygen: { device: "nasal_cannula", fio2: 32 } },
      "observations[0].oxygen.fio2: 32 is outside 0.21-1 (fraction of inspired oxygen) (FiO2 is a fraction: 32 % is 0.32)",
    ],
    [{ oxygen: { flowLpm: 2 } }, "observations[0].oxygen.device: is required"],
    [
      { consciousness: "drowsy" },
      `observations[0].consciousness: "drowsy" is not an allowed level of consciousness; use one of ${CONSCIOUSNESS_LEVELS.join(", ")}`,
    ],
    [
      { vasopressors: [{ agent: "norepinephrine" }, { agent: "norepinephrine" }] },
      "observations[0].vasopressors[1].agent: norepinephrine is listed twice; chart each running infusion once",
    ],
    [
      { vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0 }] },
      "observations[0].vasopressors[0].doseMcgKgMin: 0 must be more than 0 and at most 100 mcg/kg/min",
    ],
    [{ motorWeakness: "yes" }, 'observations[0].motorWeakness: "yes" must be true or false'],
  ])("refuses %j with a message naming the field and what is allowed", (patch, line) => {
    expect(errorsFor(patch)).toEqual([line]);
  });

  it("lists every allowed device when the device is unknown", () => {
    const lines = errorsFor({ oxygen: { device: "mask" } });
    expect(lines).toEqual([
      `observations[0].oxygen.device: "mask" is not an allowed oxygen device; use one of ${OXYGEN_DEVICES.join(", ")}`,
    ]);
  });

  it("refuses a misspelt field instead of silently ignoring a vital", () => {
    const lines = errorsFor({ temperature: 39 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^observations\[0\]\.temperature: is not a field of an observation; allowed fields: id, at, temperatureC,/,
    );
  });

  it("reports every wrong field at once", () => {
    expect(errorsFor({ temperatureC: 450, spo2: -1 })).toEqual([
      "observations[0].temperatureC: 450 is outside 25-45 °C",
      "observations[0].spo2: -1 is outside 0-100 %",
    ]);
  });

  it("refuses duplicate ids, which would make the order ambiguous", () => {
    const input = structuredClone(valid);
    input.observations.push({ ...first(input.observations) });
    const result = parseTimelineInput(input);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues).toEqual([
        { path: "observations[1].id", message: '"o1" is used by another observation; each observation needs its own id' },
      ]);
    }
  });

  it("bounds a tocilizumab dose at 2,000 mg but leaves clinical limits to flags", () => {
    const input = structuredClone(valid);
    first(input.medications).doseMg = 2001;
    const refused = parseTimelineInput(input);
    expect(refused.success).toBe(false);
    if (!refused.success) expect(refused.issues[0]?.path).toBe("medications[0].doseMg");
    first(input.medications).doseMg = 2000;
    expect(parseTimelineInput(input).success).toBe(true);
  });

  it("refuses a dose of 0 mg and a drug name that is not lower-case", () => {
    const input = structuredClone(valid);
    first(input.medications).doseMg = 0;
    first(input.medications).drug = "Tocilizumab";
    const result = parseTimelineInput(input);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(formatIssues(result.issues).split("\n")).toEqual([
        'medications[0].drug: "Tocilizumab" must be a lower-case generic name, e.g. tocilizumab',
        "medications[0].doseMg: 0 must be more than 0 and at most 100000 mg",
      ]);
    }
  });

  it("accepts any lower-case generic drug name", () => {
    const input = structuredClone(valid);
    first(input.medications).drug = "levetiracetam";
    expect(parseTimelineInput(input).success).toBe(true);
  });

  it("checks the patient: weight 0.5-400 kg and a known grading system", () => {
    expect(weightKgSchema.safeParse(0.5).success).toBe(true);
    expect(weightKgSchema.safeParse(400).success).toBe(true);
    const result = parseTimelineInput({ ...valid, patient: { id: "p1", weightKg: 0.4, gradingSystem: "CTCAE" } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(formatIssues(result.issues).split("\n")).toEqual([
        "patient.weightKg: 0.4 is outside 0.5-400 kg",
        'patient.gradingSystem: "CTCAE" is not an allowed grading system; use one of ASTCT',
      ]);
    }
  });

  it("says when the patient is missing entirely", () => {
    const result = parseTimelineInput({ observations: [] });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues).toEqual([{ path: "patient", message: "is required" }]);
  });

  it("reports bad JSON as an issue on the whole input", () => {
    const result = parseTimelineJson("{ not json");
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues[0]?.path).toBe("(input)");
      expect(result.issues[0]?.message).toMatch(/^is not valid JSON: /);
    }
  });
});

describe("describeIssues and formatPath", () => {
  it("formats paths like observations[0].oxygen.flowLpm", () => {
    expect(formatPath(["observations", 0, "oxygen", "flowLpm"])).toBe("observations[0].oxygen.flowLpm");
    expect(formatPath([])).toBe("(input)");
  });

  it("describes a raw ZodError from a reused piece", () => {
    const result = z.object({ temperatureC: temperatureCSchema }).safeParse({ temperatureC: 46 });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(describeIssues(result.error)).toEqual([{ path: "temperatureC", message: "46 is outside 25-45 °C" }]);
    }
  });

  it("observationSchema is reusable on its own by a charting form", () => {
    expect(observationSchema.safeParse({ id: "o1", at: "2026-03-01T06:00:00Z", temperatureC: 37 }).success).toBe(true);
  });
});

describe("vocabulary labels", () => {
  it.each([
    [OXYGEN_DEVICES, OXYGEN_DEVICE_LABELS],
    [VASOPRESSOR_AGENTS, VASOPRESSOR_AGENT_LABELS],
    [CONSCIOUSNESS_LEVELS, CONSCIOUSNESS_LABELS],
    [SEIZURE_KINDS, SEIZURE_LABELS],
    [CEREBRAL_EDEMA_KINDS, CEREBRAL_EDEMA_LABELS],
    [DRUGS, DRUG_LABELS],
    [ROUTES, ROUTE_LABELS],
  ] as const)("has a non-empty label for every value of %j", (values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) expect((labels as Record<string, string | undefined>)[value]?.length).toBeGreaterThan(0);
  });
});
