import { describe, expect, it } from "vitest";
import {
  chartedInfusionsText,
  infusionsText,
  neuroText,
  oxygenText,
  vasopressorsText,
  vitalsText,
  type ObservationValuesText,
} from "./observation-text";
import { iceTotal, noIceItems, observationPayload, emptyObservationForm, formFromStored } from "./observation-form";

const empty: ObservationValuesText = {
  temperatureC: null,
  heartRate: null,
  respiratoryRate: null,
  systolicBP: null,
  diastolicBP: null,
  meanArterialPressure: null,
  spo2: null,
  acvpu: null,
  oxygenDevice: "room_air",
  oxygenFlowLpm: null,
  fio2: null,
  vasopressors: [],
  iceScore: null,
  consciousness: null,
  seizure: null,
  motorWeakness: null,
  cerebralEdema: null,
};

describe("observation text", () => {
  it("shows only what was charted, values as charted", () => {
    expect(vitalsText({ ...empty, temperatureC: 37.95, heartRate: 112, systolicBP: 84, diastolicBP: 50 }, "C")).toBe(
      "T 37.9 °C · HR 112 · BP 84/50",
    );
    expect(vitalsText({ ...empty, temperatureC: 38.59999999999999, acvpu: "voice" }, "C")).toBe("T 38.6 °C · ACVPU V (voice)");
    expect(vitalsText({ ...empty, temperatureC: 38 }, "F")).toBe("T 100.4 °F");
    expect(vitalsText(empty, "C")).toBe("–");
  });
  it("names devices, flows and infusions, with dobutamine as an inotrope", () => {
    expect(oxygenText({ oxygenDevice: "high_flow_nasal_cannula", oxygenFlowLpm: 40, fio2: 0.5 })).toBe(
      "High-flow nasal cannula 40 L/min FiO2 0.5",
    );
    expect(
      vasopressorsText({
        vasopressors: [
          { agent: "norepinephrine", doseMcgKgMin: 0.08, doseUnitsPerMin: null },
          { agent: "dobutamine", doseMcgKgMin: null, doseUnitsPerMin: null },
        ],
      }),
    ).toBe("Norepinephrine 0.08 mcg/kg/min, Dobutamine (inotrope)");
  });
  it("marks infusions carried from an earlier charting, shows a stop, and never says 'none' where nobody looked", () => {
    const tz = "Europe/London";
    const norepinephrine = [{ agent: "norepinephrine", doseMcgKgMin: 0.08, doseUnitsPerMin: null }];
    expect(infusionsText({ vasopressorsCharted: true, vasopressors: norepinephrine }, tz)).toBe("Norepinephrine 0.08 mcg/kg/min");
    expect(
      infusionsText(
        {
          vasopressorsCharted: false,
          vasopressors: [],
          carriedVasopressors: { at: "2026-03-02T09:00:00Z", vasopressors: norepinephrine },
        },
        tz,
      ),
    ).toBe("Norepinephrine 0.08 mcg/kg/min (carried from 2 Mar 09:00: not re-checked)");
    expect(infusionsText({ vasopressorsCharted: true, vasopressors: [], vasopressorsStopped: true }, tz)).toBe(
      "Vasopressors stopped (none running)",
    );
    expect(infusionsText({ vasopressorsCharted: true, vasopressors: [] }, tz)).toBe("");
    expect(infusionsText({ vasopressorsCharted: false, vasopressors: [], carriedVasopressors: null }, tz)).toBe("");
  });
  it("says what one version charted about vasopressors (for its history)", () => {
    expect(chartedInfusionsText({ vasopressorsCharted: false, vasopressors: [] })).toBe("vasopressors not re-checked");
    expect(chartedInfusionsText({ vasopressorsCharted: true, vasopressors: [] })).toBe("no vasopressor running");
    expect(
      chartedInfusionsText({
        vasopressorsCharted: true,
        vasopressors: [{ agent: "vasopressin", doseMcgKgMin: null, doseUnitsPerMin: null }],
      }),
    ).toBe("Vasopressin");
  });
  it("keeps ICE 0 (it is not 'not assessed')", () => {
    expect(neuroText({ ...empty, iceScore: 0, consciousness: "awake" })).toBe("ICE 0/10 · Awake");
    expect(neuroText(empty)).toBe("");
  });
});

describe("observation form model", () => {
  const tz = "Europe/London";
  it("totals the ICE items", () => {
    expect(iceTotal({ ...noIceItems(), year: true, month: true, object1: true, counting: true })).toBe(4);
  });
  it("sends the ward wall-clock time as a UTC instant, and blanks for what was not charted", () => {
    const form = { ...emptyObservationForm(Date.parse("2026-07-01T05:00:00Z"), tz, "C"), temperature: "38.6" };
    expect(form.effectiveAtLocal).toBe("2026-07-01T06:00");
    const { payload, timeProblem } = observationPayload(form, tz, "key-12345678", false);
    expect(timeProblem).toBeNull();
    expect(payload).toMatchObject({
      effectiveAt: "2026-07-01T05:00:00.000Z",
      temperature: "38.6",
      heartRate: "",
      iceScore: "",
      crsDeath: "",
    });
    expect(payload).not.toHaveProperty("reason");
  });
  it("sends ICE 0 from items when the items mode was chosen with none ticked", () => {
    const form = { ...emptyObservationForm(Date.now(), tz, "C"), iceMode: "items" as const };
    expect(observationPayload(form, tz, "k", false).payload.iceScore).toBe(0);
  });
  it("does not send a flow typed for a device that was then changed to one without flow", () => {
    const form = { ...emptyObservationForm(Date.now(), tz, "C"), oxygenDevice: "cpap", oxygenFlowLpm: "5", fio2: "0.4" };
    expect(observationPayload(form, tz, "k", false).payload).toMatchObject({ oxygenFlowLpm: "", fio2: "0.4" });
  });
  it("asks which one when the wall time happened twice, and uses the chosen one", () => {
    const form = { ...emptyObservationForm(Date.now(), tz, "C"), effectiveAtLocal: "2026-10-25T01:30" };
    expect(observationPayload(form, tz, "k", false).timeProblem?.message).toMatch(/happened twice/);
    expect(observationPayload({ ...form, repeatedHour: "later" }, tz, "k", false).payload.effectiveAt).toBe(
      "2026-10-25T01:30:00.000Z",
    );
  });
  it("shows vasopressin in units/min, and a vasopressin dose charted as mcg/kg/min before units/min as charted", () => {
    expect(
      vasopressorsText({
        vasopressors: [
          { agent: "vasopressin", doseMcgKgMin: null, doseUnitsPerMin: 0.03 },
          { agent: "norepinephrine", doseMcgKgMin: 0.1, doseUnitsPerMin: null },
        ],
      }),
    ).toBe("Vasopressin 0.03 units/min, Norepinephrine 0.1 mcg/kg/min");
    expect(vasopressorsText({ vasopressors: [{ agent: "vasopressin", doseMcgKgMin: 0.04, doseUnitsPerMin: null }] })).toBe(
      "Vasopressin 0.04 (charted as mcg/kg/min, before units/min)",
    );
  });
  it("pre-fills an amendment from the stored version", () => {
    const form = formFromStored(
      {
        ...empty,
        effectiveAt: "2026-01-10T06:00:00Z",
        temperatureC: 38.6,
        crsDeath: false,
        note: null,
        vasopressorsCharted: true,
        vasopressors: [{ agent: "norepinephrine", doseMcgKgMin: 0.1, doseUnitsPerMin: null }],
        iceScore: 0,
        motorWeakness: false,
      },
      tz,
      "C",
    );
    expect(form).toMatchObject({
      effectiveAtLocal: "2026-01-10T06:00",
      temperature: "38.6",
      iceMode: "total",
      iceScore: "0",
      motorWeakness: "false",
      vasopressorStatus: "running",
    });
    expect(form.vasopressors[0]).toMatchObject({ agent: "norepinephrine", dose: "0.1" });
  });
  it("pre-fills the temperature in the nurse's unit, exactly, so saving it unchanged stores the same °C", () => {
    const stored = { ...empty, effectiveAt: "2026-01-10T06:00:00Z", crsDeath: false, note: null, vasopressorsCharted: false };
    const form = formFromStored({ ...stored, temperatureC: 38.61 }, tz, "F");
    expect(form).toMatchObject({ temperature: "101.498", temperatureUnit: "F" });
  });
  it("pre-fills the vasopressor choice as the version charted it: not re-checked, or none running", () => {
    const stored = { ...empty, effectiveAt: "2026-01-10T06:00:00Z", crsDeath: false, note: null };
    expect(formFromStored({ ...stored, vasopressorsCharted: false }, tz, "C").vasopressorStatus).toBe("not_charted");
    expect(formFromStored({ ...stored, vasopressorsCharted: true }, tz, "C").vasopressorStatus).toBe("none");
  });
});
