/**
 * Engine benchmark: the whole pipeline for a 30-day timeline with an observation every 15 minutes
 * (2,880 observations) and 12 medication doses: JSON.parse of the input text, validation (zod),
 * evaluateTimeline, JSON.stringify of the output, each with its median and its share of the total.
 * evaluateTimeline is also timed against a bare loop that reads the same fields of the same
 * observations (alternating samples of the same run, so the ratio is machine-independent).
 *
 *   npm run bench
 *
 * No targets and no assertions: a script that shows where the time of a page goes.
 */
import { createHash } from "node:crypto";
import {
  evaluateTimeline,
  parseTimelineInput,
  type MedicationInput,
  type ObservationInput,
  type TimelineInput,
} from "../lib/engine/index";
import { compare, consume, cpuMsPerCall, formatMeasurement, formatMs, measure, type Measurement } from "./bench-lib";

const START = Date.parse("2026-03-01T00:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAYS = 30;
const EVERY_MINUTES = 15;

/** A deterministic pseudo-random sequence, so every run grades the same timeline. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Days 0-2 well; day 3 fever; days 3-6 hypotension and oxygen (an ICU-level episode with
 * vasopressors for a day); recovery from day 7. ICE every 8 h; gaps, partial sets and
 * untouched fields as on a real chart.
 */
export function thirtyDayTimeline(): TimelineInput {
  const next = random(42);
  const observations: ObservationInput[] = [];
  const count = (DAYS * 24 * 60) / EVERY_MINUTES;
  for (let i = 0; i < count; i++) {
    const t = START + i * EVERY_MINUTES * MINUTE;
    const day = (t - START) / (24 * HOUR);
    const sick = day >= 3 && day < 7;
    const severe = day >= 4 && day < 5;
    const temperatureC = Math.round((sick ? 38.2 + next() * 1.4 : 36.4 + next() * 1.2) * 10) / 10;
    const observation: ObservationInput = {
      id: `o${String(i).padStart(5, "0")}`,
      at: new Date(t).toISOString().replace(".000Z", "Z"),
      // a blood-pressure-only set now and then
      temperatureC: i % 7 === 3 ? undefined : temperatureC,
      heartRate: Math.round(sick ? 100 + next() * 30 : 70 + next() * 20),
      respiratoryRate: Math.round(sick ? 20 + next() * 8 : 14 + next() * 4),
      systolicBP: Math.round(sick ? 82 + next() * 20 : 110 + next() * 20),
      diastolicBP: Math.round(sick ? 45 + next() * 10 : 65 + next() * 15),
      spo2: Math.round(sick ? 90 + next() * 6 : 95 + next() * 4),
      oxygen: severe
        ? { device: "high_flow_nasal_cannula", flowLpm: 40, fio2: 0.5 }
        : sick
          ? { device: "nasal_cannula", flowLpm: Math.round(2 + next() * 4) }
          : { device: "room_air" },
      vasopressors: severe ? [{ agent: "norepinephrine", doseMcgKgMin: 0.08 }] : [],
    };
    if (i % 32 === 0) {
      observation.iceScore = sick ? 8 : 10;
      observation.consciousness = "awake";
    }
    observations.push(observation);
  }
  const dose = (id: string, hours: number, drug: string, doseMg: number, route: MedicationInput["route"]): MedicationInput => ({
    id,
    at: new Date(START + 72 * HOUR + hours * HOUR).toISOString(),
    drug,
    doseMg,
    route,
  });
  const medications: MedicationInput[] = [
    dose("m01", 1, "paracetamol", 1000, "PO"),
    dose("m02", 2, "tocilizumab", 560, "IV"),
    dose("m03", 7, "paracetamol", 1000, "PO"),
    dose("m04", 10, "tocilizumab", 560, "IV"),
    dose("m05", 12, "dexamethasone", 10, "IV"),
    dose("m06", 18, "tocilizumab", 560, "IV"),
    dose("m07", 24, "dexamethasone", 10, "IV"),
    dose("m08", 30, "dexamethasone", 10, "IV"),
    dose("m09", 36, "dexamethasone", 10, "IV"),
    dose("m10", 42, "tocilizumab", 560, "IV"),
    dose("m11", 48, "anakinra", 100, "SC"),
    dose("m12", 60, "paracetamol", 1000, "PO"),
  ];
  return {
    patient: { id: "bench", weightKg: 70, gradingSystem: "ASTCT" },
    observations,
    medications,
    now: new Date(START + DAYS * 24 * HOUR).toISOString(),
  };
}

/**
 * The floor: visit each observation and read every field the engine reads, doing the least
 * work that keeps the reads from being optimised away.
 */
function bareLoop(input: TimelineInput): number {
  let checksum = 0;
  for (const o of input.observations) {
    checksum += o.at.length + o.id.length;
    if (o.temperatureC != null) checksum += o.temperatureC;
    if (o.systolicBP != null) checksum += o.systolicBP;
    if (o.diastolicBP != null) checksum += o.diastolicBP;
    if (o.meanArterialPressure != null) checksum += o.meanArterialPressure;
    if (o.oxygen) {
      checksum += o.oxygen.device.length;
      if (o.oxygen.flowLpm != null) checksum += o.oxygen.flowLpm;
      if (o.oxygen.fio2 != null) checksum += o.oxygen.fio2;
    }
    if (o.vasopressors) for (const v of o.vasopressors) checksum += v.agent.length + (v.doseMcgKgMin ?? 0);
    if (o.iceScore != null) checksum += o.iceScore;
    if (o.consciousness != null) checksum += o.consciousness.length;
    if (o.seizure != null) checksum += o.seizure.length;
    if (o.motorWeakness) checksum += 1;
    if (o.cerebralEdema != null) checksum += o.cerebralEdema.length;
    if (o.crsDeath) checksum += 1;
  }
  for (const m of input.medications) checksum += m.at.length + m.drug.length + m.doseMg;
  return checksum;
}

interface Step {
  measurement: Measurement;
  /** What the figure means for this step (a target, a baseline, or none). */
  note: string;
}

function main(): void {
  // The pipeline a real page runs: text in, JSON.parse, validate at the edge, evaluate, serialise.
  const text = JSON.stringify(thirtyDayTimeline());
  const decoded: unknown = JSON.parse(text);
  const validated = parseTimelineInput(decoded);
  if (!validated.success) throw new Error(`the bench timeline is invalid: ${JSON.stringify(validated.issues.slice(0, 3))}`);
  const input = validated.data;
  const observationCount = input.observations.length;
  const doseCount = input.medications.length;
  const output = evaluateTimeline(input);
  const json = JSON.stringify(output);

  const parse = measure("1. JSON.parse of the input text", () => JSON.parse(text), { warmup: 10, samples: 60 });
  const validate = measure("2. validate (zod, parseTimelineInput)", () => parseTimelineInput(decoded), {
    warmup: 10,
    samples: 40,
  });
  // Engine and bare loop alternate sample by sample so that machine noise hits both alike.
  const {
    subject: evaluate,
    baseline: bare,
    medianRatio,
  } = compare(
    { name: "3. evaluate (evaluateTimeline)", run: () => evaluateTimeline(input) },
    { name: "   bare loop over the same fields (baseline)", run: () => bareLoop(input), batch: 20 },
    { warmup: 100, samples: 300 },
  );
  const evaluateCpuMs = cpuMsPerCall(() => evaluateTimeline(input));
  const serialise = measure("4. serialise (JSON.stringify of the output)", () => JSON.stringify(output), {
    warmup: 10,
    samples: 60,
  });
  consume(json);

  const steps: Step[] = [
    { measurement: parse, note: "" },
    { measurement: validate, note: "" },
    {
      measurement: evaluate,
      note: `${medianRatio.toFixed(1)}x the bare loop (median of paired samples; ratio of medians ${(evaluate.medianMs / bare.medianMs).toFixed(1)}x)`,
    },
    { measurement: serialise, note: "" },
  ];
  const totalMs = steps.reduce((sum, step) => sum + step.measurement.medianMs, 0);
  const share = (ms: number) => `${((100 * ms) / totalMs).toFixed(0).padStart(3)} %`;

  const lines = [
    `CRS Watch engine bench (${process.version}, ${DAYS}-day timeline: ${observationCount} observations, ${doseCount} medication doses; input ${(text.length / 1024).toFixed(0)} KiB, output ${(json.length / 1024).toFixed(0)} KiB JSON)`,
    // A change to the engine must not change a grade or a reason: the digest of the output shows it did not.
    `output sha256 ${createHash("sha256").update(json).digest("hex").slice(0, 16)}`,
    "",
    ...steps.map((step) => formatMeasurement(step.measurement)),
    formatMeasurement(bare),
    "",
    "pipeline step                                  median      share of the total",
    ...steps.map(
      (step) =>
        `${step.measurement.name.padEnd(46)} ${formatMs(step.measurement.medianMs).padStart(9)}  ${share(step.measurement.medianMs)}${step.note ? `   ${step.note}` : ""}`,
    ),
    `${"total (sum of the medians)".padEnd(46)} ${formatMs(totalMs).padStart(9)}  100 %`,
    "",
    `evaluate CPU time per call   ${formatMs(evaluateCpuMs)}   (all threads, garbage collection included; unlike the medians, not inflated by waiting for a core)`,
    `observations graded/second   ${Math.round(observationCount / (evaluate.medianMs / 1000)).toLocaleString("en-US")}`,
    `final grade ${output.currentGrade}, max grade ${output.maxGrade}, ${output.timers.length} timers, ${output.alerts.length} alerts`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[1] && /bench\.ts$/.test(process.argv[1])) main();
