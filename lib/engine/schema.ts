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
  CEREBRAL_EDEMA_KINDS,
  CONSCIOUSNESS_LEVELS,
  OXYGEN_DEVICES,
  ROUTES,
  SEIZURE_KINDS,
  VASOPRESSOR_AGENTS,
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

/** Absolute bound on a tocilizumab dose; the clinical limits (800 mg, weight-based) are flags, not errors. */
export const TOCILIZUMAB_ABSOLUTE_MAX_MG = 2000;

export const oxygenDeviceSchema = vocabularySchema(OXYGEN_DEVICES, "oxygen device");
export const vasopressorAgentSchema = vocabularySchema(VASOPRESSOR_AGENTS, "vasopressor or inotrope");
export const consciousnessSchema = vocabularySchema(CONSCIOUSNESS_LEVELS, "level of consciousness");
export const seizureSchema = vocabularySchema(SEIZURE_KINDS, "seizure finding");
export const cerebralEdemaSchema = vocabularySchema(CEREBRAL_EDEMA_KINDS, "cerebral edema finding");
export const routeSchema = vocabularySchema(ROUTES, "route");
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
  /** Grade 5: death attributed to CRS, charted explicitly (never inferred). */
  crsDeath: booleanSchema.nullish(),
};

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

export const observationFieldsShape = { id: idSchema, at: instantSchema, ...vitalsShape };
export const observationSchema = strictRecord(observationFieldsShape, "an observation").superRefine(checkBloodPressure);

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

export const patientSchema = strictRecord(
  {
    id: idSchema,
    weightKg: weightKgSchema.nullish(),
    gradingSystem: gradingSystemSchema.nullish(),
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
