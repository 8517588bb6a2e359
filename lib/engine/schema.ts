/**
 * Validation at the edge (CLI, API handlers, charting forms). The engine itself trusts its input
 * (evaluateTimeline never calls zod) so a 30-day timeline is graded without re-validating it.
 * Every message names the value and what is allowed, in words a nurse understands.
 */
import { z } from "zod";
import { GRADING_SYSTEMS } from "./grading/system-ids";
import { booleanSchema, measurementSchema, requiredText, showValue, strictRecord, vocabularySchema } from "./schema-parts";
import { isInstant } from "./time";
import {
  ACVPU_LEVELS,
  CEREBRAL_EDEMA_KINDS,
  CONSCIOUSNESS_LEVELS,
  OXYGEN_DEVICES,
  ROUTES,
  SEIZURE_KINDS,
  TOCI_FLAGS,
  VASOPRESSOR_AGENTS,
  VASOPRESSOR_DOSE_UNITS,
} from "./vocabulary";

export * from "./vocabulary";
export { measurementSchema, showValue, vocabularySchema } from "./schema-parts";

export const idSchema = requiredText('an identifier such as "o1"');

/** An instant: ISO-8601 with a time zone (Z or ±HH:MM), e.g. 2026-03-01T06:00:00Z. */
export const instantSchema = z
  .string({
    error: (iss) =>
      iss.input === undefined
        ? "is required"
        : `${showValue(iss.input)} is not a time; use ISO-8601 with a time zone, e.g. 2026-03-01T06:00:00Z`,
  })
  .refine(isInstant, {
    error: (iss) =>
      iss.input === ""
        ? "is required"
        : `${showValue(iss.input)} is not a valid time; use ISO-8601 with a time zone, e.g. 2026-03-01T06:00:00Z`,
  });

export const temperatureCSchema = measurementSchema({ min: 25, max: 45, unit: "°C" });
export const heartRateSchema = measurementSchema({ min: 0, max: 300, unit: "beats/min" });
export const respiratoryRateSchema = measurementSchema({ min: 0, max: 80, unit: "breaths/min" });
export const pressureSchema = measurementSchema({ min: 0, max: 300, unit: "mmHg" });
export const spo2Schema = measurementSchema({ min: 0, max: 100, unit: "%" });
export const flowLpmSchema = measurementSchema({ min: 0, max: 80, unit: "L/min" });
export const fio2Schema = measurementSchema({
  min: 0.21,
  max: 1,
  unit: "(fraction of inspired oxygen)",
  hint: (value) => (value > 1 && value <= 100 ? `FiO2 is a fraction: ${value} % is ${value / 100}` : undefined),
});
export const iceScoreSchema = measurementSchema({ min: 0, max: 10, unit: "(ICE score)", integer: true });
export const weightKgSchema = measurementSchema({ min: 0.5, max: 400, unit: "kg" });
export const doseMgSchema = measurementSchema({ min: 0, max: 100_000, unit: "mg", minExclusive: true });
export const vasopressorDoseSchema = measurementSchema({ min: 0, max: 100, unit: "mcg/kg/min", minExclusive: true });
/** Vasopressin's dose (rev 2), in units/min: an absolute bound against typing errors, far above any infusion. */
export const vasopressinDoseSchema = measurementSchema({ min: 0, max: 1, unit: "units/min", minExclusive: true });

/** Absolute bound on a tocilizumab dose; the clinical limits (800 mg, weight-based) are flags, not errors. */
export const TOCILIZUMAB_ABSOLUTE_MAX_MG = 2000;

export const oxygenDeviceSchema = vocabularySchema(OXYGEN_DEVICES, "oxygen device");
export const vasopressorAgentSchema = vocabularySchema(VASOPRESSOR_AGENTS, "vasopressor or inotrope");
export const consciousnessSchema = vocabularySchema(CONSCIOUSNESS_LEVELS, "level of consciousness");
export const seizureSchema = vocabularySchema(SEIZURE_KINDS, "seizure finding");
export const cerebralEdemaSchema = vocabularySchema(CEREBRAL_EDEMA_KINDS, "cerebral edema finding");
export const routeSchema = vocabularySchema(ROUTES, "route");
/** NEWS2-ACVPU: the level of consciousness as NEWS2 charts it. */
export const acvpuSchema = vocabularySchema(ACVPU_LEVELS, "ACVPU level");
/** OBS-STATUS: a set with values, one the patient declined, or one that could not be taken. */
export const OBSERVATION_STATUSES = ["charted", "refused", "not_possible"] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];
export const observationStatusSchema = vocabularySchema(OBSERVATION_STATUSES, "observation status");
/** TOCI-CONFIRM: the limit flags a physician confirmed. */
export const tociFlagSchema = vocabularySchema(TOCI_FLAGS, "tocilizumab limit flag");
/** ESC-ACK: who may answer a task (a physician answers any; a nurse only a nurse's). */
export const TASK_ROLES = ["nurse", "physician"] as const;
export type TaskRole = (typeof TASK_ROLES)[number];
export const taskRoleSchema = vocabularySchema(TASK_ROLES, "role");
/** NEWS2-SPO2: scale 1 (default) or scale 2 (hypercapnic respiratory failure, a physician's choice). */
export const spo2ScaleSchema = z.union([z.literal(1), z.literal(2)], {
  error: (iss) => `${showValue(iss.input)} is not an SpO2 scale; allowed 1 or 2`,
});
/** patient.gradingSystem: one of the grading systems in grading/registry.ts (ASTCT 2019 when absent). */
export const gradingSystemSchema = vocabularySchema(GRADING_SYSTEMS, "grading system");

/** A lower-case generic drug name; any name is accepted, known ones (DRUGS) affect grading. */
export const drugSchema = z
  .string({ error: (iss) => (iss.input === undefined ? "is required" : `${showValue(iss.input)} is not a drug name`) })
  .min(1, { error: "is required" })
  .regex(/^[a-z][a-z0-9-]*( [a-z0-9-]+)*$/, {
    error: (iss) => `${showValue(iss.input)} must be a lower-case generic name, e.g. tocilizumab`,
  });

export const oxygenSchema = strictRecord(
  {
    device: oxygenDeviceSchema,
    flowLpm: flowLpmSchema.nullish(),
    fio2: fio2Schema.nullish(),
  },
  "the oxygen support",
);

export const vasopressorSchema = strictRecord(
  {
    agent: vasopressorAgentSchema,
    doseMcgKgMin: vasopressorDoseSchema.nullish(),
    /** Vasopressin only (rev 2). */
    doseUnitsPerMin: vasopressinDoseSchema.nullish(),
  },
  "a vasopressor infusion",
);

export const vasopressorListSchema = z
  .array(vasopressorSchema, { error: (iss) => `${showValue(iss.input)} is not a list of vasopressors` })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((running, index) => {
      if (seen.has(running.agent)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "agent"],
          message: `${running.agent} is listed twice; chart each running infusion once`,
        });
      }
      seen.add(running.agent);
      // Rev 2: each agent's dose in its pump's unit; a dose in the other unit is refused, never converted.
      const unit = VASOPRESSOR_DOSE_UNITS[running.agent];
      if (unit === "units/min" && running.doseMcgKgMin != null) {
        ctx.addIssue({
          code: "custom",
          path: [index, "doseMcgKgMin"],
          message: `${running.agent} is charted in units/min, not mcg/kg/min: send the dose as doseUnitsPerMin`,
        });
      }
      if (unit === "mcg/kg/min" && running.doseUnitsPerMin != null) {
        ctx.addIssue({
          code: "custom",
          path: [index, "doseUnitsPerMin"],
          message: `${running.agent} is charted in mcg/kg/min, not units/min: send the dose as doseMcgKgMin`,
        });
      }
    });
  });

/** The vital signs and findings of one observation, reused by the charting form. All optional. */
export const vitalsShape = {
  temperatureC: temperatureCSchema.nullish(),
  heartRate: heartRateSchema.nullish(),
  respiratoryRate: respiratoryRateSchema.nullish(),
  systolicBP: pressureSchema.nullish(),
  diastolicBP: pressureSchema.nullish(),
  meanArterialPressure: pressureSchema.nullish(),
  spo2: spo2Schema.nullish(),
  oxygen: oxygenSchema.nullish(),
  vasopressors: vasopressorListSchema.nullish(),
  iceScore: iceScoreSchema.nullish(),
  consciousness: consciousnessSchema.nullish(),
  seizure: seizureSchema.nullish(),
  motorWeakness: booleanSchema.nullish(),
  cerebralEdema: cerebralEdemaSchema.nullish(),
  /** NEWS2-ACVPU; when absent NEWS2 reads the ICANS `consciousness`. */
  acvpu: acvpuSchema.nullish(),
  /** Grade 5: death attributed to CRS, charted explicitly (never inferred). */
  crsDeath: booleanSchema.nullish(),
};

const VITAL_KEYS = Object.keys(vitalsShape) as (keyof typeof vitalsShape)[];

type ObservationStatusFields = { status?: ObservationStatus | null; statusReason?: string | null } & {
  [K in keyof typeof vitalsShape]?: unknown;
};

/** OBS-STATUS: a refused or not-possible set has a reason and no values; a charted set has no reason. */
export function checkObservationStatus(value: ObservationStatusFields, ctx: z.RefinementCtx): void {
  const status = value.status ?? "charted";
  if (status === "charted") {
    if (value.statusReason != null) {
      ctx.addIssue({ code: "custom", path: ["statusReason"], message: "is only charted with a refused or not-possible set" });
    }
    return;
  }
  if (value.statusReason == null || value.statusReason.trim() === "") {
    ctx.addIssue({ code: "custom", path: ["statusReason"], message: `is required when the set is ${status.replace("_", " ")}` });
  }
  for (const key of VITAL_KEYS) {
    if (value[key] != null) {
      ctx.addIssue({ code: "custom", path: [key], message: `must be empty: a ${status.replace("_", " ")} set charts no values` });
    }
  }
}

type BloodPressure = { systolicBP?: number | null; diastolicBP?: number | null };

/** Diastolic must be below systolic when both are charted. */
export function checkBloodPressure(value: BloodPressure, ctx: z.RefinementCtx): void {
  if (value.systolicBP != null && value.diastolicBP != null && value.diastolicBP >= value.systolicBP) {
    ctx.addIssue({
      code: "custom",
      path: ["diastolicBP"],
      message: `${value.diastolicBP} mmHg must be below the systolic ${value.systolicBP} mmHg`,
    });
  }
}

export const observationFieldsShape = {
  id: idSchema,
  at: instantSchema,
  ...vitalsShape,
  /** OBS-STATUS; absent means charted. */
  status: observationStatusSchema.nullish(),
  statusReason: requiredText("a reason, e.g. off the ward for a scan").nullish(),
};
export const observationSchema = strictRecord(observationFieldsShape, "an observation")
  .superRefine(checkBloodPressure)
  .superRefine(checkObservationStatus);

type DoseFields = { drug: string; doseMg: number };

/** Tocilizumab has an absolute bound beyond which the number cannot be a real dose. */
export function checkDoseBound(value: DoseFields, ctx: z.RefinementCtx): void {
  if (value.drug === "tocilizumab" && value.doseMg > TOCILIZUMAB_ABSOLUTE_MAX_MG) {
    ctx.addIssue({
      code: "custom",
      path: ["doseMg"],
      message: `${value.doseMg} must be at most ${TOCILIZUMAB_ABSOLUTE_MAX_MG} mg for one tocilizumab dose (doses over 800 mg are charted with a flag)`,
    });
  }
}

export const medicationFieldsShape = {
  id: idSchema,
  at: instantSchema,
  drug: drugSchema,
  doseMg: doseMgSchema,
  route: routeSchema.nullish(),
  /** TOCI-CONFIRM: the flags a physician confirmed with a reason, when and by whom. */
  confirmedFlags: z.array(tociFlagSchema).nullish(),
  confirmedAt: instantSchema.nullish(),
  confirmedBy: requiredText("the name of the confirming physician").nullish(),
};
export const medicationSchema = strictRecord(medicationFieldsShape, "a medication dose").superRefine(checkDoseBound);

/** Per-patient settings may be charted on the patient (they outrank the ward's settings). */
export const patientSettingsShape = {
  antipyreticsMaskFever: booleanSchema.nullish(),
  tociMinIntervalHours: measurementSchema({ min: 1, max: 72, unit: "h" }).nullish(),
  obsIntervalGrade0Hours: measurementSchema({ min: 0.25, max: 24, unit: "h" }).nullish(),
  obsIntervalFebrileOrGrade1Hours: measurementSchema({ min: 0.25, max: 24, unit: "h" }).nullish(),
  obsIntervalGrade2PlusHours: measurementSchema({ min: 0.25, max: 24, unit: "h" }).nullish(),
  iceIntervalHours: measurementSchema({ min: 0.25, max: 24, unit: "h" }).nullish(),
};

/** TOCI-WEIGHT: one measured weight and when it was measured. */
export const weightSchema = strictRecord({ at: instantSchema, kg: weightKgSchema }, "a measured weight");

/** OBS-PAUSE: observations paused from a time, until a time or open-ended (until null). */
export const pauseSchema = strictRecord(
  { id: idSchema, from: instantSchema, until: instantSchema.nullish(), reason: requiredText("a reason, e.g. MRI scan") },
  "an observation pause",
).superRefine((pause, ctx) => {
  if (pause.until != null && Date.parse(pause.until) <= Date.parse(pause.from)) {
    ctx.addIssue({ code: "custom", path: ["until"], message: `${pause.until} must be after the start ${pause.from}` });
  }
});

/** ESC-ACK: an answer to a task, a fact with its author, role and time. */
export const acknowledgementSchema = strictRecord(
  {
    id: idSchema,
    taskId: requiredText('a task id such as "ESC_CRS_RISE:o17"'),
    at: instantSchema,
    by: requiredText("the name of who answered"),
    role: taskRoleSchema,
    outcome: requiredText("what was done"),
  },
  "an acknowledgement",
);

export const patientSchema = strictRecord(
  {
    id: idSchema,
    weightKg: weightKgSchema.nullish(),
    gradingSystem: gradingSystemSchema.nullish(),
    /** TOCI-WEIGHT: the weight history; when present it decides and weightKg is ignored. */
    weights: z.array(weightSchema, { error: (iss) => `${showValue(iss.input)} is not a list of weights` }).nullish(),
    spo2Scale: spo2ScaleSchema.nullish(),
    /** OBS-FREQUENCY: the patient's own interval set by a physician (only ever stricter). */
    obsIntervalMinutes: measurementSchema({ min: 5, max: 1440, unit: "min", integer: true }).nullish(),
    ...patientSettingsShape,
  },
  "the patient",
);

function checkUniqueIds(list: { id: string }[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      ctx.addIssue({
        code: "custom",
        path: [index, "id"],
        message: `${showValue(entry.id)} is used by another ${what}; each ${what} needs its own id`,
      });
    }
    seen.add(entry.id);
  });
}

export const timelineInputSchema = strictRecord(
  {
    patient: patientSchema,
    observations: z
      .array(observationSchema, { error: (iss) => `${showValue(iss.input)} is not a list of observations` })
      .superRefine((list, ctx) => checkUniqueIds(list, "observation", ctx))
      .default([]),
    medications: z
      .array(medicationSchema, { error: (iss) => `${showValue(iss.input)} is not a list of medication doses` })
      .superRefine((list, ctx) => checkUniqueIds(list, "medication dose", ctx))
      .default([]),
    pauses: z
      .array(pauseSchema, { error: (iss) => `${showValue(iss.input)} is not a list of pauses` })
      .superRefine((list, ctx) => checkUniqueIds(list, "pause", ctx))
      .nullish(),
    acknowledgements: z
      .array(acknowledgementSchema, { error: (iss) => `${showValue(iss.input)} is not a list of acknowledgements` })
      .superRefine((list, ctx) => checkUniqueIds(list, "acknowledgement", ctx))
      .nullish(),
    /** Evaluation time. Optional here; evaluateTimeline requires it (the CLI and app fill in the current time). */
    now: instantSchema.nullish(),
  },
  "a timeline (patient, observations, medications, now)",
);

export type TimelineInput = z.output<typeof timelineInputSchema>;
export type PatientInput = z.output<typeof patientSchema>;
export type ObservationInput = z.output<typeof observationSchema>;
export type MedicationInput = z.output<typeof medicationSchema>;
export type OxygenInput = z.output<typeof oxygenSchema>;
export type VasopressorInput = z.output<typeof vasopressorSchema>;
export type WeightInput = z.output<typeof weightSchema>;
export type PauseInput = z.output<typeof pauseSchema>;
export type AcknowledgementInput = z.output<typeof acknowledgementSchema>;
