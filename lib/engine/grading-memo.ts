/**
 * Per-timeline memo of axis results. A month of 15-minute observations repeats the same
 * temperatures, pressures, oxygen settings and neurological findings thousands of times; each
 * distinct value's result and reason text is built once and shared. Shared results are frozen so
 * that no consumer can change one observation's reason through another's. Results are identical
 * with or without it.
 *
 * Values are packed into one whole-number key and looked up in an open-addressing table (a Map
 * costs more per lookup than grading a cached value); anything that does not pack (a pressure of
 * 85.5 mmHg, a flow of 0.123 L/min) is graded directly.
 */
import {
  feverStatus,
  hypotensionAxis,
  hypotensionInto,
  hypoxiaAxis,
  type CrsGrading,
  type FeverResult,
  type OxygenResult,
} from "./crs-grade";
import { gradeIcans, type IcansResult } from "./icans";
import type { HypotensionAxisGrade, ObservationInput, OxygenInput, Reason } from "./types";
import { CEREBRAL_EDEMA_KINDS, CONSCIOUSNESS_LEVELS, OXYGEN_DEVICES, SEIZURE_KINDS } from "./vocabulary";

/**
 * Called for every observation or every new value: bound once, because under CommonJS (tsx, the
 * CLI and bench) each use of an imported function goes through a getter (see timeline.ts).
 */
const gradeFever = feverStatus;
const gradeHypotension = hypotensionAxis;
const gradeHypotensionInto = hypotensionInto;
const gradeOxygen = hypoxiaAxis;
const gradeNeurological = gradeIcans;

/** The ICANS result of an observation with no neurological data charted (null: not assessed). */
const NOT_ASSESSED = gradeIcans({});

/** The reason is what reaches the output (shared by many observations), so it is the part frozen. */
function frozen<T extends { reason: object }>(result: T): T {
  Object.freeze(result.reason);
  return result;
}

/**
 * Whole-number keys (0 to 2^31 - 2) to values, by open addressing with linear probing. Sized for
 * the few hundred distinct values of one timeline; it doubles when half full. Each slot also
 * holds a small number (0-255), the `tag`, so that a caller can read a value's few facts without
 * reaching into the value itself (a few hundred results scattered over the heap, read in random
 * order, are slower to reach than these columns).
 */
export class IntTable<V> {
  /** key + 1 in each used slot, 0 in an empty one. */
  private keys: Int32Array;
  private values: (V | undefined)[];
  private tags: Uint8Array;
  private shift: number;
  private count = 0;

  constructor(log2Capacity = 8) {
    this.keys = new Int32Array(1 << log2Capacity);
    this.values = new Array<V | undefined>(1 << log2Capacity);
    this.tags = new Uint8Array(1 << log2Capacity);
    this.shift = 32 - log2Capacity;
  }

  /** The slot holding `key`, or -1. */
  slotOf(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    const stored = key + 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const found = keys[slot];
      if (found === stored) return slot;
      if (found === 0) return -1;
      slot = (slot + 1) & mask;
    }
  }

  get(key: number): V | undefined {
    const slot = this.slotOf(key);
    return slot < 0 ? undefined : this.values[slot];
  }

  valueAt(slot: number): V {
    return this.values[slot] as V;
  }

  tagAt(slot: number): number {
    return this.tags[slot];
  }

  /** Adds a key that is not in the table yet; returns its slot. */
  add(key: number, value: V, tag = 0): number {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    this.count++;
    return this.place(key, value, tag);
  }

  private place(key: number, value: V, tag: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = key + 1;
    this.values[slot] = value;
    this.tags[slot] = tag;
    return slot;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldTags = this.tags;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.values = new Array<V | undefined>(oldKeys.length * 2);
    this.tags = new Uint8Array(oldKeys.length * 2);
    this.shift--;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] !== 0) this.place(oldKeys[i] - 1, oldValues[i] as V, oldTags[i]);
    }
  }
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

/** Index of each vocabulary value, for packing into keys (undefined: not a known value). */
function indexOf(values: readonly string[]): Readonly<Record<string, number | undefined>> {
  const index: Record<string, number> = Object.create(null) as Record<string, number>;
  values.forEach((value, i) => (index[value] = i));
  return index;
}
const DEVICE_INDEX = indexOf(OXYGEN_DEVICES);
const CONSCIOUSNESS_INDEX = indexOf(CONSCIOUSNESS_LEVELS);
const SEIZURE_INDEX = indexOf(SEIZURE_KINDS);
const EDEMA_INDEX = indexOf(CEREBRAL_EDEMA_KINDS);

/** Device, flow (0.1 L/min steps) and FiO2 (0.01 steps) pack into one key; other values are not memoised. */
function oxygenKey(oxygen: OxygenInput): number {
  const device = DEVICE_INDEX[oxygen.device];
  if (device === undefined) return -1;
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
  return (device * 10_000 + flowKey) * 1000 + fio2Key;
}

type IcansFields = Pick<ObservationInput, "iceScore" | "consciousness" | "seizure" | "motorWeakness" | "cerebralEdema">;

/** One part of an ICANS key: a vocabulary index, `absent` when not charted, -1 when unknown. */
function vocabularyPart(index: Readonly<Record<string, number | undefined>>, value: string | null | undefined, absent: number): number {
  if (value == null) return absent;
  return index[value] ?? -1;
}

/** ICE 0-10, consciousness, seizure, motor and edema pack into one key; -1 when one does not. */
function icansKey(observation: IcansFields): number {
  const { iceScore, motorWeakness } = observation;
  let key = 11;
  if (iceScore != null) {
    if (!Number.isInteger(iceScore) || iceScore < 0 || iceScore > 10) return -1;
    key = iceScore;
  }
  const consciousness = vocabularyPart(CONSCIOUSNESS_INDEX, observation.consciousness, 5);
  const seizure = vocabularyPart(SEIZURE_INDEX, observation.seizure, 3);
  const edema = vocabularyPart(EDEMA_INDEX, observation.cerebralEdema, 3);
  if (consciousness < 0 || seizure < 0 || edema < 0) return -1;
  const motor = motorWeakness == null ? 2 : motorWeakness === true ? 1 : motorWeakness === false ? 0 : -1;
  if (motor < 0) return -1;
  return (((key * 6 + consciousness) * 4 + seizure) * 4 + edema) * 3 + motor;
}

/** An ICANS result shared by many observations: the list and each reason are frozen. */
function frozenIcans(result: IcansResult): IcansResult {
  for (const reason of result.reasons) Object.freeze(reason);
  Object.freeze(result.reasons);
  return Object.freeze(result);
}

export class GradingMemo {
  /** Charted temperatures are nearly always whole tenths of a degree: indexed by tenths. */
  private readonly feversByTenth: (FeverResult | undefined)[] = [];
  private readonly fevers = new Map<number, FeverResult>();
  private readonly pressures = new IntTable<Reason>(10);
  private readonly oxygens = new IntTable<OxygenResult>(5);
  private readonly neurological = new IntTable<IcansResult>(4);
  private missingTemperature: FeverResult | null = null;
  private roomAir: OxygenResult | null = null;

  fever(temperatureC: number | null | undefined): FeverResult {
    if (temperatureC == null) return (this.missingTemperature ??= frozen(gradeFever(null)));
    const tenths = Math.round(temperatureC * 10);
    if (tenths / 10 === temperatureC && tenths >= 0 && tenths <= 600) {
      let byTenth = this.feversByTenth[tenths];
      if (!byTenth) this.feversByTenth[tenths] = byTenth = frozen(gradeFever(temperatureC));
      return byTenth;
    }
    let result = this.fevers.get(temperatureC);
    if (!result) this.fevers.set(temperatureC, (result = frozen(gradeFever(temperatureC))));
    return result;
  }

  /**
   * ASTCT-HYPOTENSION of the observation (hypotensionAxis): its axis and whether blood pressure
   * is known go into `out`, its reason is returned. A memoised value is read from the table's
   * columns (reason and tag: axis, plus 8 when blood pressure is known). The key holds the
   * pressures only: an observation counted with infusions carried from an earlier one is graded
   * directly by the caller (gradeCrsInto), never through here.
   */
  hypotensionInto(
    out: Pick<CrsGrading, "hypotensionAxis" | "bloodPressureKnown">,
    observation: Pick<ObservationInput, "systolicBP" | "diastolicBP" | "meanArterialPressure" | "vasopressors">,
  ): Reason {
    // Infusions (with their doses) vary too much to be worth a key; they are graded directly.
    if (observation.vasopressors && observation.vasopressors.length > 0) return gradeHypotensionInto(out, observation);
    const key = pressureKey(observation);
    if (key < 0) return gradeHypotensionInto(out, observation);
    const table = this.pressures;
    let slot = table.slotOf(key);
    if (slot < 0) {
      const result = gradeHypotension(observation);
      const known = result.hypotension !== null || result.vasopressorCount > 0;
      slot = table.add(key, Object.freeze(result.reason), result.axis | (known ? 8 : 0));
    }
    const tag = table.tagAt(slot);
    out.hypotensionAxis = (tag & 7) as HypotensionAxisGrade;
    out.bloodPressureKnown = tag >= 8;
    return table.valueAt(slot);
  }

  oxygen(oxygen: OxygenInput | null | undefined): OxygenResult {
    if (!oxygen || oxygen.device === "room_air") return (this.roomAir ??= gradeOxygen(null));
    const key = oxygenKey(oxygen);
    if (key < 0) return gradeOxygen(oxygen);
    let result = this.oxygens.get(key);
    if (!result) this.oxygens.add(key, (result = frozen(gradeOxygen(oxygen))));
    return result;
  }

  /** ICANS of one observation (gradeIcans); with findings charted, shared and frozen. */
  icans(observation: IcansFields): IcansResult {
    const { iceScore, consciousness, seizure, motorWeakness, cerebralEdema } = observation;
    if (iceScore == null && consciousness == null && seizure == null && motorWeakness == null && cerebralEdema == null) {
      return NOT_ASSESSED;
    }
    const key = icansKey(observation);
    if (key < 0) return gradeNeurological(observation);
    let result = this.neurological.get(key);
    if (!result) this.neurological.add(key, (result = frozenIcans(gradeNeurological(observation))));
    return result;
  }
}
