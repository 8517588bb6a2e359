import { describe, expect, it } from "vitest";
import type { ObservationInput } from "../../types";
import { feverStatus } from "./fever";
import { gradeCrs, type EpisodeContext } from "./grade";
import { hypotensionAxis, meanArterialPressure } from "./hypotension";
import { hypoxiaAxis } from "./hypoxia";
import { maskingReason } from "./masking";

describe("feverStatus (ASTCT-FEVER)", () => {
  it.each([
    [37.9, false, "37.9"],
    [37.99, false, "37.9"],
    [38.0, true, "38.0"],
    [38, true, "38.0"],
    [38.04, true, "38.1"],
    [41.2, true, "41.2"],
  ])("%s °C febrile: %s, shown as %s °C (one decimal, never rounded onto the fever line)", (temperature, febrile, shown) => {
    const result = feverStatus(temperature);
    expect(result.febrile).toBe(febrile);
    expect(result.reason.rule).toBe("ASTCT-FEVER");
    expect(result.reason.text).toContain(`: ${shown} °C (fever is`);
  });

  it("is unknown (null) when no temperature is charted", () => {
    expect(feverStatus(undefined).febrile).toBeNull();
    expect(feverStatus(null).reason.text).toBe("Temperature not charted (ASTCT-FEVER)");
  });
});

describe("hypotensionAxis (ASTCT-HYPOTENSION)", () => {
  it.each([
    [{ systolicBP: 89, diastolicBP: 70 }, 2],
    [{ systolicBP: 90, diastolicBP: 70 }, 0],
    [{ systolicBP: 120, diastolicBP: 70, meanArterialPressure: 64 }, 2],
    [{ systolicBP: 120, diastolicBP: 70, meanArterialPressure: 65 }, 0],
    // computed MAP = (SBP + 2 x DBP) / 3
    [{ systolicBP: 95, diastolicBP: 50 }, 0], // (95 + 100) / 3 = 65: not below 65
    [{ systolicBP: 95, diastolicBP: 49 }, 2], // 64.33
    [{ systolicBP: 100, diastolicBP: 47 }, 2], // 64.67 with a normal systolic
    [{ meanArterialPressure: 64 }, 2],
    [{ diastolicBP: 30 }, 0], // diastolic alone: no MAP can be computed
    [{}, 0],
  ])("%j -> axis %i", (pressures, axis) => {
    expect(hypotensionAxis(pressures).axis).toBe(axis);
  });

  it("uses the charted MAP rather than computing one", () => {
    // computed would be 66.7, but the monitor's 64 is what was charted
    expect(meanArterialPressure({ systolicBP: 100, diastolicBP: 50, meanArterialPressure: 64 })).toEqual({
      value: 64,
      computed: false,
    });
    expect(hypotensionAxis({ systolicBP: 100, diastolicBP: 50, meanArterialPressure: 64 }).axis).toBe(2);
  });

  it("says in the reason when MAP was computed, without rounding it across 65", () => {
    const result = hypotensionAxis({ systolicBP: 95, diastolicBP: 49 });
    expect(result.reason.text).toBe(
      "Hypotension grade 2: SBP 95 mmHg, MAP 64.3 mmHg (computed) < 65, no vasopressor (fluids only) (ASTCT-HYPOTENSION)",
    );
    expect(hypotensionAxis({ systolicBP: 94.88, diastolicBP: 50 }).reason.text).toContain("MAP 64.96 mmHg (computed) < 65");
  });

  it.each([
    [[{ agent: "vasopressin" }], 3],
    [[{ agent: "norepinephrine" }], 3],
    [[{ agent: "phenylephrine" }], 3],
    [[{ agent: "norepinephrine" }, { agent: "vasopressin" }], 3],
    [[{ agent: "norepinephrine" }, { agent: "epinephrine" }], 4],
    [[{ agent: "dopamine" }, { agent: "phenylephrine" }, { agent: "vasopressin" }], 4],
    [[{ agent: "dobutamine" }], 0],
    [[{ agent: "dobutamine" }, { agent: "norepinephrine" }], 3],
    [[{ agent: "norepinephrine" }, { agent: "norepinephrine" }], 3],
  ] as const)("vasopressors %j -> axis %i, whatever the pressure", (vasopressors, axis) => {
    expect(hypotensionAxis({ systolicBP: 130, diastolicBP: 80, vasopressors: [...vasopressors] }).axis).toBe(axis);
  });

  it("reports dobutamine as an inotrope, not a vasopressor", () => {
    const result = hypotensionAxis({ systolicBP: 85, diastolicBP: 50, vasopressors: [{ agent: "dobutamine", doseMcgKgMin: 5 }] });
    expect(result.axis).toBe(2);
    expect(result.vasopressorCount).toBe(0);
    expect(result.reason.text).toContain("dobutamine 5 mcg/kg/min is an inotrope, not counted as a vasopressor");
  });

  it("names vasopressin alone and the two-vasopressor rule in its reasons", () => {
    expect(hypotensionAxis({ vasopressors: [{ agent: "vasopressin" }] }).reason.text).toContain("vasopressin alone");
    expect(
      hypotensionAxis({ vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.1 }, { agent: "epinephrine" }] }).reason.text,
    ).toBe(
      "Hypotension grade 4: norepinephrine 0.1 mcg/kg/min + epinephrine running, 2 vasopressors not counting vasopressin (ASTCT-HYPOTENSION)",
    );
  });
});

describe("hypoxiaAxis (ASTCT-HYPOXIA)", () => {
  it.each([
    [undefined, 0],
    [{ device: "room_air" }, 0],
    [{ device: "blow_by" }, 2],
    [{ device: "nasal_cannula" }, 2],
    [{ device: "nasal_cannula", flowLpm: 6 }, 2],
    [{ device: "nasal_cannula", flowLpm: 6.0 }, 2],
    [{ device: "nasal_cannula", flowLpm: 6.1 }, 3],
    [{ device: "nasal_cannula", flowLpm: 7 }, 3],
    [{ device: "high_flow_nasal_cannula", flowLpm: 5 }, 3],
    [{ device: "simple_face_mask", flowLpm: 5 }, 3],
    [{ device: "non_rebreather", flowLpm: 15 }, 3],
    [{ device: "venturi_mask", fio2: 0.4 }, 3],
    [{ device: "cpap" }, 4],
    [{ device: "bipap" }, 4],
    [{ device: "mechanical_ventilation", fio2: 0.6 }, 4],
  ] as const)("%j -> axis %i", (oxygen, axis) => {
    expect(hypoxiaAxis(oxygen).axis).toBe(axis);
  });

  it("explains the flow boundary and a nasal cannula without a flow", () => {
    expect(hypoxiaAxis({ device: "nasal_cannula", flowLpm: 4 }).reason).toEqual({
      rule: "ASTCT-HYPOXIA",
      text: "Oxygen grade 2: nasal cannula 4 L/min (low flow, <= 6 L/min) (ASTCT-HYPOXIA)",
    });
    expect(hypoxiaAxis({ device: "nasal_cannula" }).reason.text).toContain("flow not charted (counted as low flow)");
    expect(hypoxiaAxis({ device: "high_flow_nasal_cannula", flowLpm: 40 }).reason.text).toBe(
      "Oxygen grade 3: high-flow nasal cannula 40 L/min (ASTCT-HYPOXIA)",
    );
  });
});

describe("gradeCrs (ASTCT-MAX, ASTCT-ONSET, ASTCT-MASK)", () => {
  const onsetMs = Date.parse("2026-03-01T06:00:00Z");
  const later = onsetMs + 3_600_000;
  const inEpisode: EpisodeContext = { onsetMs, masking: null };
  const masked: EpisodeContext = {
    onsetMs,
    masking: { atMs: onsetMs + 1_800_000, reason: maskingReason("dexamethasone", onsetMs + 1_800_000) },
  };
  const noEpisode: EpisodeContext = { onsetMs: null, masking: null };
  const obs = (fields: Partial<ObservationInput>): ObservationInput => ({ id: "o", at: "2026-03-01T07:00:00Z", ...fields });

  it("febrile: max(1, hypotension, oxygen), axes never added", () => {
    expect(gradeCrs(obs({ temperatureC: 38 }), onsetMs, inEpisode).grade).toBe(1);
    const both = gradeCrs(
      obs({ temperatureC: 38.5, systolicBP: 85, diastolicBP: 50, oxygen: { device: "nasal_cannula", flowLpm: 2 } }),
      later,
      inEpisode,
    );
    expect(both.grade).toBe(2);
    expect(both.reasons.map((reason) => reason.rule)).toEqual(["ASTCT-FEVER", "ASTCT-HYPOTENSION", "ASTCT-HYPOXIA", "ASTCT-MAX"]);
    expect(both.reasons[3]?.text).toBe(
      "Grade 2: the more severe of fever (1), hypotension (2) and oxygen (2); axes are not added (ASTCT-MAX)",
    );
  });

  it("marks the onset on the first febrile observation", () => {
    const first = gradeCrs(obs({ temperatureC: 38.1 }), onsetMs, inEpisode);
    expect(first.reasons.some((reason) => reason.rule === "ASTCT-ONSET")).toBe(true);
  });

  it("before any fever: grade 0 whatever the pressure or oxygen, with ALERT-NO-FEVER", () => {
    const result = gradeCrs(
      obs({
        temperatureC: 37.9,
        systolicBP: 80,
        diastolicBP: 40,
        vasopressors: [{ agent: "norepinephrine" }],
        oxygen: { device: "bipap" },
      }),
      later,
      noEpisode,
    );
    expect(result.grade).toBe(0);
    expect(result.hypotensionAxis).toBe(3);
    expect(result.oxygenAxis).toBe(4);
    expect(result.alerts.map((alert) => alert.rule)).toEqual(["ALERT-NO-FEVER"]);
    expect(result.alerts[0]?.text).toContain("before any fever");
    expect(result.reasons.map((reason) => reason.rule)).toContain("ALERT-NO-FEVER");
  });

  it("no alert before the onset when there is nothing to explain", () => {
    expect(gradeCrs(obs({ temperatureC: 37 }), later, noEpisode).alerts).toEqual([]);
  });

  it("afebrile after a masking drug: graded on hypotension and oxygen alone (may be 0)", () => {
    const hypotensive = gradeCrs(obs({ temperatureC: 37.2, systolicBP: 85, diastolicBP: 50 }), later, masked);
    expect(hypotensive.grade).toBe(2);
    expect(hypotensive.reasons.map((reason) => reason.rule)).toContain("ASTCT-MASK");
    expect(gradeCrs(obs({ temperatureC: 37.2, systolicBP: 120, diastolicBP: 70 }), later, masked).grade).toBe(0);
  });

  it("masking applies from the drug's time, not before it", () => {
    const justBefore = gradeCrs(obs({ temperatureC: 37.2, systolicBP: 85, diastolicBP: 50 }), masked.masking!.atMs - 1, masked);
    expect(justBefore.grade).toBe(0);
    const atDrugTime = gradeCrs(obs({ temperatureC: 37.2, systolicBP: 85, diastolicBP: 50 }), masked.masking!.atMs, masked);
    expect(atDrugTime.grade).toBe(2);
  });

  it("afebrile in an episode without masking: grade 0 but still alerted", () => {
    const result = gradeCrs(obs({ temperatureC: 37.2, systolicBP: 85, diastolicBP: 50 }), later, inEpisode);
    expect(result.grade).toBe(0);
    expect(result.alerts[0]?.text).toContain("without fever and before any masking drug");
  });

  it("temperature not charted during an episode: graded on hypotension and oxygen (safer reading)", () => {
    const result = gradeCrs(obs({ systolicBP: 85, diastolicBP: 50 }), later, inEpisode);
    expect(result.grade).toBe(2);
    expect(result.febrile).toBeNull();
    expect(result.reasons.some((reason) => reason.text.includes("safer reading"))).toBe(true);
  });

  it("grade 5 only when death attributed to CRS is charted", () => {
    expect(
      gradeCrs(
        obs({
          temperatureC: 39,
          vasopressors: [{ agent: "norepinephrine" }, { agent: "epinephrine" }],
          oxygen: { device: "mechanical_ventilation" },
        }),
        later,
        inEpisode,
      ).grade,
    ).toBe(4);
    const death = gradeCrs(obs({ crsDeath: true }), later, inEpisode);
    expect(death.grade).toBe(5);
    expect(death.reasons.at(-1)?.rule).toBe("ASTCT-G5");
  });

  it("knows whether blood pressure was charted (needed to count an improvement)", () => {
    expect(gradeCrs(obs({ temperatureC: 37, spo2: 97 }), later, inEpisode).bloodPressureKnown).toBe(false);
    expect(gradeCrs(obs({ temperatureC: 37, meanArterialPressure: 80 }), later, inEpisode).bloodPressureKnown).toBe(true);
    expect(gradeCrs(obs({ vasopressors: [{ agent: "vasopressin" }] }), later, inEpisode).bloodPressureKnown).toBe(true);
  });
});
