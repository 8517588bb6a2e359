/**
 * Per-timeline memo of axis results. A month of 15-minute observations repeats the same
 * temperatures, pressures and oxygen settings thousands of times; each distinct value's result
 * and reason text is built once and shared. Shared results are frozen so that no consumer can
 * change one observation's reason through another's. Results are identical with or without it.
 */
import {
  feverStatus,
  hypotensionAxis,
  hypoxiaAxis,
  type FeverResult,
  type HypotensionResult,
  type OxygenResult,
} from "./crs-grade";
import type { ObservationInput, OxygenInput } from "./types";

/** The reason is what reaches the output (shared by many observations), so it is the part frozen. */
function frozen<T extends { reason: object }>(result: T): T {
  Object.freeze(result.reason);
  return result;
}

/** Whole numbers 0-300 (or absent) pack into one number key; anything else is not memoised. */
function pressurePart(value: number | null | undefined): number {
  if (value == null) return 301;
  return Number.isInteger(value) && value >= 0 && value <= 300 ? value : -1;
}

function pressureKey(observation: Pick<ObservationInput, "systolicBP" | "diastolicBP" | "meanArterialPressure">): number {
  const systolic = pressurePart(observation.systolicBP);
  const diastolic = pressurePart(observation.diastolicBP);
  const mean = pressurePart(observation.meanArterialPressure);
  if (systolic < 0 || diastolic < 0 || mean < 0) return -1;
  return (systolic * 302 + diastolic) * 302 + mean;
}

/** flow (0.1 L/min steps) and FiO2 (0.01 steps) pack into one key; other values are not memoised. */
function oxygenKey(oxygen: OxygenInput): number {
  const { flowLpm, fio2 } = oxygen;
  let flowKey = 9999;
  if (flowLpm != null) {
    flowKey = Math.round(flowLpm * 10);
    if (flowKey / 10 !== flowLpm || flowKey < 0 || flowKey > 9000) return -1;
  }
  let fio2Key = 999;
  if (fio2 != null) {
    fio2Key = Math.round(fio2 * 100);
    if (fio2Key / 100 !== fio2 || fio2Key < 0 || fio2Key > 100) return -1;
  }
  return flowKey * 1000 + fio2Key;
}

export class GradingMemo {
  /** Charted temperatures are nearly always whole tenths of a degree: indexed by tenths. */
  private readonly feversByTenth: (FeverResult | undefined)[] = [];
  private readonly fevers = new Map<number, FeverResult>();
  private readonly pressures = new Map<number, HypotensionResult>();
  private readonly oxygens = new Map<string, Map<number, OxygenResult>>();
  private missingTemperature: FeverResult | null = null;
  private roomAir: OxygenResult | null = null;

  fever(temperatureC: number | null | undefined): FeverResult {
    if (temperatureC == null) return (this.missingTemperature ??= frozen(feverStatus(null)));
    const tenths = Math.round(temperatureC * 10);
    if (tenths / 10 === temperatureC && tenths >= 0 && tenths <= 600) {
      let byTenth = this.feversByTenth[tenths];
      if (!byTenth) this.feversByTenth[tenths] = byTenth = frozen(feverStatus(temperatureC));
      return byTenth;
    }
    let result = this.fevers.get(temperatureC);
    if (!result) this.fevers.set(temperatureC, (result = frozen(feverStatus(temperatureC))));
    return result;
  }

  hypotension(
    observation: Pick<ObservationInput, "systolicBP" | "diastolicBP" | "meanArterialPressure" | "vasopressors">,
  ): HypotensionResult {
    // Infusions (with their doses) vary too much to be worth a key; they are graded directly.
    if (observation.vasopressors && observation.vasopressors.length > 0) return hypotensionAxis(observation);
    const key = pressureKey(observation);
    if (key < 0) return hypotensionAxis(observation);
    let result = this.pressures.get(key);
    if (!result) this.pressures.set(key, (result = frozen(hypotensionAxis(observation))));
    return result;
  }

  oxygen(oxygen: OxygenInput | null | undefined): OxygenResult {
    if (!oxygen || oxygen.device === "room_air") return (this.roomAir ??= hypoxiaAxis(null));
    const key = oxygenKey(oxygen);
    if (key < 0) return hypoxiaAxis(oxygen);
    let byDevice = this.oxygens.get(oxygen.device);
    if (!byDevice) this.oxygens.set(oxygen.device, (byDevice = new Map()));
    let result = byDevice.get(key);
    if (!result) byDevice.set(key, (result = frozen(hypoxiaAxis(oxygen))));
    return result;
  }
}
