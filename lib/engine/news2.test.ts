import { describe, expect, it } from "vitest";
import {
  news2BandRank,
  news2Consciousness,
  news2Oxygen,
  news2Pulse,
  news2RespiratoryRate,
  news2Score,
  news2Spo2,
  news2SystolicBP,
  news2Temperature,
  type News2Set,
} from "./news2";
import { CONSCIOUSNESS_LEVELS, OXYGEN_DEVICES } from "./vocabulary";

describe("NEWS2-RR: bands read as upper bounds", () => {
  it.each([
    [0, 3],
    [7.5, 3],
    [8, 3],
    [8.5, 1],
    [9, 1],
    [11, 1],
    [11.5, 0],
    [12, 0],
    [20, 0],
    [20.5, 2],
    [21, 2],
    [24, 2],
    [24.5, 3],
    [25, 3],
    [60, 3],
  ])("%s/min -> %i", (value, score) => {
    expect(news2RespiratoryRate(value).score).toBe(score);
  });

  it("shows the bound it compared with", () => {
    expect(news2RespiratoryRate(8).reason).toEqual({
      rule: "NEWS2-RR",
      text: "Respiratory rate 8/min: score 3 (<= 8) (NEWS2-RR)",
    });
    expect(news2RespiratoryRate(8.5).reason.text).toBe("Respiratory rate 8.5/min: score 1 (> 8 and <= 11) (NEWS2-RR)");
    expect(news2RespiratoryRate(25).reason.text).toBe("Respiratory rate 25/min: score 3 (> 24) (NEWS2-RR)");
  });

  it("not charted is not scored", () => {
    expect(news2RespiratoryRate(null)).toEqual({
      parameter: "respiratoryRate",
      score: null,
      reason: { rule: "NEWS2-RR", text: "Respiratory rate not charted: not scored (NEWS2-RR)" },
    });
    expect(news2RespiratoryRate(undefined).score).toBeNull();
  });
});

describe("NEWS2-SPO2 scale 1", () => {
  it.each([
    [70, 3],
    [91, 3],
    [91.5, 2],
    [92, 2],
    [93, 2],
    [93.5, 1],
    [94, 1],
    [95, 1],
    [95.5, 0],
    [96, 0],
    [100, 0],
  ])("%s %% -> %i, whatever the device", (value, score) => {
    expect(news2Spo2(value, 1, "room_air").score).toBe(score);
    expect(news2Spo2(value, 1, "non_rebreather").score).toBe(score);
    expect(news2Spo2(value, 1, null).score).toBe(score);
  });

  it("reason", () => {
    expect(news2Spo2(93, 1, "room_air").reason).toEqual({
      rule: "NEWS2-SPO2",
      text: "SpO2 93 % (scale 1): score 2 (> 91 and <= 93) (NEWS2-SPO2)",
    });
  });
});

describe("NEWS2-SPO2 scale 2", () => {
  it.each([
    [70, 3],
    [83, 3],
    [83.5, 2],
    [84, 2],
    [85, 2],
    [85.5, 1],
    [86, 1],
    [87, 1],
    [87.5, 0],
    [88, 0],
    [92, 0],
  ])("%s %% -> %i on air and on oxygen alike", (value, score) => {
    expect(news2Spo2(value, 2, "room_air").score).toBe(score);
    expect(news2Spo2(value, 2, "nasal_cannula").score).toBe(score);
  });

  it.each([
    [92.5, 0, 1],
    [93, 0, 1],
    [94, 0, 1],
    [94.5, 0, 2],
    [95, 0, 2],
    [96, 0, 2],
    [96.5, 0, 3],
    [97, 0, 3],
    [100, 0, 3],
  ])("%s %%: on air %i, on oxygen %i", (value, onAir, onOxygen) => {
    expect(news2Spo2(value, 2, "room_air").score).toBe(onAir);
    expect(news2Spo2(value, 2, "nasal_cannula").score).toBe(onOxygen);
    expect(news2Spo2(value, 2, "mechanical_ventilation").score).toBe(onOxygen);
  });

  it("reasons name air or oxygen", () => {
    expect(news2Spo2(95, 2, "simple_face_mask").reason.text).toBe(
      "SpO2 95 % on oxygen (scale 2): score 2 (> 94 and <= 96 on oxygen) (NEWS2-SPO2)",
    );
    expect(news2Spo2(93, 2, "nasal_cannula").reason.text).toBe(
      "SpO2 93 % on oxygen (scale 2): score 1 (> 92 and <= 94 on oxygen) (NEWS2-SPO2)",
    );
    expect(news2Spo2(97, 2, "room_air").reason.text).toBe("SpO2 97 % on room air (scale 2): score 0 (> 92 on air) (NEWS2-SPO2)");
    expect(news2Spo2(86, 2, "room_air").reason.text).toBe("SpO2 86 % (scale 2): score 1 (> 85 and <= 87) (NEWS2-SPO2)");
  });

  it("above 92 with no device charted: at least 0 (read as on air; the set is incomplete)", () => {
    const result = news2Spo2(97, 2, undefined);
    expect(result.score).toBe(0);
    expect(result.reason.text).toBe(
      "SpO2 97 % (scale 2), oxygen device not charted: score at least 0 (> 92, read as on air) (NEWS2-SPO2)",
    );
    expect(news2Spo2(84, 2, undefined).score).toBe(2);
  });

  it("not charted is not scored, on either scale", () => {
    expect(news2Spo2(null, 1, "room_air").score).toBeNull();
    expect(news2Spo2(undefined, 2, "nasal_cannula").reason.text).toBe("SpO2 not charted: not scored (NEWS2-SPO2)");
  });
});

describe("NEWS2-O2", () => {
  it("room air 0; every other device 2; no device charted is not scored", () => {
    for (const device of OXYGEN_DEVICES) expect(news2Oxygen(device).score).toBe(device === "room_air" ? 0 : 2);
    expect(news2Oxygen(null).score).toBeNull();
    expect(news2Oxygen(undefined).reason.text).toBe("Oxygen device not charted: not scored (NEWS2-O2)");
    expect(news2Oxygen("room_air").reason.text).toBe("Room air: score 0 (NEWS2-O2)");
    expect(news2Oxygen("blow_by").reason.text).toBe("Blow-by oxygen: score 2 (any oxygen device) (NEWS2-O2)");
  });
});

describe("NEWS2-SBP", () => {
  it.each([
    [50, 3],
    [90, 3],
    [90.5, 2],
    [91, 2],
    [100, 2],
    [100.5, 1],
    [101, 1],
    [110, 1],
    [110.5, 0],
    [111, 0],
    [219, 0],
    [219.5, 3],
    [220, 3],
    [260, 3],
  ])("%s mmHg -> %i", (value, score) => {
    expect(news2SystolicBP(value).score).toBe(score);
  });

  it("reason", () => {
    expect(news2SystolicBP(90.5).reason.text).toBe("Systolic BP 90.5 mmHg: score 2 (> 90 and <= 100) (NEWS2-SBP)");
    expect(news2SystolicBP(null).reason.text).toBe("Systolic BP not charted: not scored (NEWS2-SBP)");
  });
});

describe("NEWS2-PULSE", () => {
  it.each([
    [30, 3],
    [40, 3],
    [40.5, 1],
    [41, 1],
    [50, 1],
    [50.5, 0],
    [51, 0],
    [90, 0],
    [90.5, 1],
    [91, 1],
    [110, 1],
    [110.5, 2],
    [111, 2],
    [130, 2],
    [130.5, 3],
    [131, 3],
    [180, 3],
  ])("%s/min -> %i", (value, score) => {
    expect(news2Pulse(value).score).toBe(score);
  });

  it("reason", () => {
    expect(news2Pulse(131).reason.text).toBe("Pulse 131/min: score 3 (> 130) (NEWS2-PULSE)");
    expect(news2Pulse(undefined).score).toBeNull();
  });
});

describe("NEWS2-TEMP", () => {
  it.each([
    [34, 3],
    [35.0, 3],
    [35.05, 1],
    [35.1, 1],
    [36.0, 1],
    [36.05, 0],
    [36.1, 0],
    [38.0, 0],
    [38.05, 1],
    [38.1, 1],
    [39.0, 1],
    [39.05, 2],
    [39.1, 2],
    [41, 2],
  ])("%s °C -> %i", (value, score) => {
    expect(news2Temperature(value).score).toBe(score);
  });

  it("shows the bounds to one decimal, as the chart does", () => {
    expect(news2Temperature(38.05).reason.text).toBe("Temperature 38.1 °C: score 1 (> 38.0 and <= 39.0) (NEWS2-TEMP)");
    expect(news2Temperature(38.01).reason.text).toBe("Temperature 38.1 °C: score 1 (> 38.0 and <= 39.0) (NEWS2-TEMP)");
    expect(news2Temperature(37.777777).reason.text).toBe("Temperature 37.8 °C: score 0 (> 36.0 and <= 38.0) (NEWS2-TEMP)");
    expect(news2Temperature(35).reason.text).toBe("Temperature 35.0 °C: score 3 (<= 35.0) (NEWS2-TEMP)");
    expect(news2Temperature(null).reason.text).toBe("Temperature not charted: not scored (NEWS2-TEMP)");
  });
});

describe("NEWS2-ACVPU", () => {
  it.each([
    ["alert", 0],
    ["new_confusion", 3],
    ["voice", 3],
    ["pain", 3],
    ["unresponsive", 3],
  ] as const)("ACVPU %s -> %i", (acvpu, score) => {
    expect(news2Consciousness(acvpu, null).score).toBe(score);
  });

  it.each([
    ["awake", 0],
    ["awakens_spontaneously", 0],
    ["awakens_to_voice", 3],
    ["awakens_to_tactile", 3],
    ["unarousable", 3],
  ] as const)("ICANS consciousness %s -> %i when no ACVPU is charted", (consciousness, score) => {
    expect(news2Consciousness(undefined, consciousness).score).toBe(score);
  });

  it("every ICANS level is mapped", () => {
    for (const level of CONSCIOUSNESS_LEVELS) expect(news2Consciousness(null, level).score).not.toBeNull();
  });

  it("a charted ACVPU decides over the ICANS level", () => {
    expect(news2Consciousness("new_confusion", "awake").score).toBe(3);
    expect(news2Consciousness("alert", "awakens_to_voice").score).toBe(0);
  });

  it("reasons say which was read", () => {
    expect(news2Consciousness("voice", null).reason.text).toBe("Consciousness responds to voice: score 3 (NEWS2-ACVPU)");
    expect(news2Consciousness(null, "awakens_to_tactile").reason.text).toBe(
      'Consciousness "awakens to tactile" (ICANS) read as responds to pain: score 3 (NEWS2-ACVPU)',
    );
    expect(news2Consciousness(null, null).reason.text).toBe("Level of consciousness not charted: not scored (NEWS2-ACVPU)");
  });
});

/** A complete set scoring 0 on every parameter. */
const CALM: Required<Omit<News2Set, "consciousness">> = {
  respiratoryRate: 16,
  spo2: 97,
  oxygen: { device: "room_air" },
  systolicBP: 120,
  heartRate: 80,
  acvpu: "alert",
  temperatureC: 37,
};

describe("news2Score (NEWS2-SCORE, NEWS2-BAND, cadence)", () => {
  it("a calm complete set: 0, low, every 12 h", () => {
    const result = news2Score(CALM);
    expect(result).toMatchObject({ score: 0, complete: true, missing: [], band: "low", cadenceMinutes: 720 });
    expect(result.parameters.map((parameter) => parameter.score)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(result.reasons.map((reason) => reason.rule)).toEqual([
      "NEWS2-RR",
      "NEWS2-SPO2",
      "NEWS2-O2",
      "NEWS2-SBP",
      "NEWS2-PULSE",
      "NEWS2-ACVPU",
      "NEWS2-TEMP",
      "NEWS2-SCORE",
      "NEWS2-BAND",
    ]);
    expect(result.reasons.at(-1)?.text).toBe("NEWS2 0: band low (0); observations every 12 h (NEWS2-BAND)");
  });

  it("1 to 4 with no single 3: low, every 4 h", () => {
    expect(news2Score({ ...CALM, temperatureC: 38.5 })).toMatchObject({ score: 1, band: "low", cadenceMinutes: 240 });
    expect(news2Score({ ...CALM, temperatureC: 39.5, respiratoryRate: 22 })).toMatchObject({
      score: 4,
      band: "low",
      cadenceMinutes: 240,
    });
  });

  it("a single parameter scoring 3 with a total under 5: low-medium, hourly", () => {
    const result = news2Score({ ...CALM, systolicBP: 88 });
    expect(result).toMatchObject({ score: 3, band: "low_medium", cadenceMinutes: 60 });
    expect(result.reasons.at(-1)?.text).toBe(
      "NEWS2 3: band low-medium (systolic BP scored 3, total under 5): urgent ward-based response; observations hourly (NEWS2-BAND)",
    );
    expect(news2Score({ ...CALM, systolicBP: 88, heartRate: 95 })).toMatchObject({ score: 4, band: "low_medium" });
  });

  it("5 and 6: medium, hourly, with or without a single 3", () => {
    expect(news2Score({ ...CALM, systolicBP: 88, oxygen: { device: "nasal_cannula" } })).toMatchObject({
      score: 5,
      band: "medium",
      cadenceMinutes: 60,
    });
    expect(news2Score({ ...CALM, respiratoryRate: 22, oxygen: { device: "nasal_cannula" }, temperatureC: 39.5 })).toMatchObject({
      score: 6,
      band: "medium",
      cadenceMinutes: 60,
    });
  });

  it("7 or more: high, every news2HighCadenceMinutes (30 by default)", () => {
    const seven = {
      ...CALM,
      respiratoryRate: 22,
      oxygen: { device: "nasal_cannula" as const },
      temperatureC: 39.5,
      heartRate: 95,
    };
    expect(news2Score(seven)).toMatchObject({ score: 7, band: "high", cadenceMinutes: 30 });
    expect(news2Score(seven, { news2HighCadenceMinutes: 15 }).cadenceMinutes).toBe(15);
    expect(news2Score(seven).reasons.at(-1)?.text).toBe(
      "NEWS2 7: band high (7 or more): emergency response; observations every 30 min (NEWS2-BAND)",
    );
  });

  it("lists each parameter's score and the total", () => {
    const result = news2Score({ ...CALM, respiratoryRate: 22, oxygen: { device: "nasal_cannula" }, temperatureC: 39.5 });
    expect(result.reasons.find((reason) => reason.rule === "NEWS2-SCORE")?.text).toBe(
      "NEWS2 6: respiratory rate 2 + SpO2 0 + air or oxygen 2 + systolic BP 0 + pulse 0 + consciousness 0 + temperature 2 (NEWS2-SCORE)",
    );
  });

  it("uses the patient's SpO2 scale", () => {
    const onOxygen = { ...CALM, spo2: 97, oxygen: { device: "nasal_cannula" as const } };
    expect(news2Score(onOxygen).score).toBe(2);
    expect(news2Score(onOxygen, { spo2Scale: 2 }).score).toBe(5);
    expect(news2Score({ ...CALM, spo2: 89 }, { spo2Scale: 2 }).score).toBe(0);
  });

  it("the ICANS level of consciousness counts when ACVPU is absent", () => {
    const { acvpu: _acvpu, ...withoutAcvpu } = CALM;
    expect(news2Score({ ...withoutAcvpu, consciousness: "awakens_to_voice" })).toMatchObject({
      score: 3,
      complete: true,
      band: "low_medium",
    });
    expect(news2Score({ ...withoutAcvpu, consciousness: "awake" })).toMatchObject({ score: 0, complete: true });
  });

  it("a missing parameter makes the set incomplete: 'at least', band and cadence from what was charted", () => {
    const { respiratoryRate: _rr, ...noRate } = CALM;
    const result = news2Score({ ...noRate, systolicBP: 95, heartRate: 115 });
    expect(result).toMatchObject({ score: 4, complete: false, missing: ["respiratoryRate"], band: "low", cadenceMinutes: 240 });
    expect(result.reasons.find((reason) => reason.rule === "NEWS2-SCORE")?.text).toBe(
      "NEWS2 at least 4 (incomplete: respiratory rate not charted): SpO2 0 + air or oxygen 0 + systolic BP 2 + pulse 2 + consciousness 0 + temperature 0 (NEWS2-SCORE)",
    );
    expect(result.reasons.at(-1)?.text).toBe("NEWS2 at least 4: band low (1-4); observations every 4 h (NEWS2-BAND)");
  });

  it("oxygen absent is 'device not charted': incomplete, never room air", () => {
    const { oxygen: _oxygen, ...noDevice } = CALM;
    expect(news2Score(noDevice)).toMatchObject({
      score: 0,
      complete: false,
      missing: ["oxygen"],
      band: "low",
      cadenceMinutes: 720,
    });
    expect(news2Score({ ...noDevice, oxygen: null }).complete).toBe(false);
  });

  it("an incomplete set can still be high", () => {
    const result = news2Score({ systolicBP: 85, heartRate: 135, spo2: 90 });
    expect(result).toMatchObject({
      score: 9,
      complete: false,
      missing: ["respiratoryRate", "oxygen", "consciousness", "temperatureC"],
      band: "high",
    });
    expect(result.reasons.at(-1)?.text).toBe(
      "NEWS2 at least 9: band high (7 or more): emergency response; observations every 30 min (NEWS2-BAND)",
    );
  });

  it("a set charting nothing scores at least 0", () => {
    const result = news2Score({});
    expect(result).toMatchObject({ score: 0, complete: false, band: "low", cadenceMinutes: 720 });
    expect(result.missing).toHaveLength(7);
    expect(result.reasons.find((reason) => reason.rule === "NEWS2-SCORE")?.text).toBe(
      "NEWS2 at least 0 (incomplete: respiratory rate, SpO2, air or oxygen, systolic BP, pulse, consciousness, temperature not charted) (NEWS2-SCORE)",
    );
  });

  it("bands rise low < low_medium < medium < high", () => {
    expect(news2BandRank("low")).toBeLessThan(news2BandRank("low_medium"));
    expect(news2BandRank("low_medium")).toBeLessThan(news2BandRank("medium"));
    expect(news2BandRank("medium")).toBeLessThan(news2BandRank("high"));
  });

  it("every reason ends with its rule ID in parentheses", () => {
    for (const reason of news2Score({ ...CALM, spo2: 92, temperatureC: null }, { spo2Scale: 2 }).reasons) {
      expect(reason.text.endsWith(`(${reason.rule})`)).toBe(true);
    }
  });
});
