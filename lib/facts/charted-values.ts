// The one definition of the values charted on an observation. Each plain value is one row of
// CHARTED_FIELDS: its column, how the form's text is read and checked (the zod schema, whose
// messages name the value and the range), the engine input it feeds, and how the charting form
// holds it. From the table come the Prisma select, the ChartedValues type, the validated form's
// fields, the engine input, the audit snapshot, the timeline row and the form model's lists.
//
// Three values are compound and written out once each, here and where noted: the temperature
// (typed in °C or °F, stored in °C), the oxygen (device, flow and FiO2 feed the engine's `oxygen`
// together, and the form hides what the device does not take), and the vasopressors (a status and
// rows in their own table). Client-safe: no database or Node imports.
import { z } from "zod";
import {
  acvpuSchema,
  cerebralEdemaSchema,
  consciousnessSchema,
  heartRateSchema,
  iceScoreSchema,
  pressureSchema,
  respiratoryRateSchema,
  seizureSchema,
  showValue,
  spo2Schema,
  type ObservationInput,
} from "@/lib/engine/schema";
import { OXYGEN_DEVICE_LABELS, OXYGEN_DEVICES, type OxygenDevice } from "@/lib/engine/vocabulary";
import { formBoolean, formNumber, formText } from "@/lib/http/form-values";

export const NOTE_MAX_CHARACTERS = 2000;

const optionalNumber = <S extends z.ZodNumber>(schema: S) => z.preprocess(formNumber, schema.optional());
const optionalText = <S extends z.ZodType>(schema: S) => z.preprocess(formText, schema.optional());
const optionalBoolean = (what: string) =>
  z.preprocess(formBoolean, z.boolean({ error: (iss) => `${showValue(iss.input)} must be yes or no (${what})` }).optional());
/** The database stores these as whole numbers, so 80.5 beats/min is refused, not silently cut. */
const whole = (schema: z.ZodNumber, unit: string) =>
  schema.int({ error: (iss) => `${showValue(iss.input)} is not a whole number of ${unit}` });

/** The column's type in prisma/schema.prisma. */
type ColumnType = { int: number; float: number; text: string; boolean: boolean };

interface ChartedField {
  /**
   * Where the charting form shows it (vital signs; the neurological section, which opens when any
   * of its values is charted or wrong; the outcome and note at the end), and so its place in the
   * form's field order.
   */
  section: "vitals" | "neuro" | "outcome";
  column: keyof ColumnType;
  /** Stored when not charted: null, or the column's default (crsDeath: false). */
  notCharted: null | false;
  /** The form's value (text or JSON) -> the value to store; undefined = not charted. */
  schema: z.ZodType;
  /** The engine input field it feeds (lib/engine/schema.ts), or null when the engine does not read it. */
  engine: keyof ObservationInput | null;
  /**
   * How the charting form holds it (lib/format/observation-form.ts): typed or chosen text ("" = not
   * charted), a yes/no choice ("" | "true" | "false"), a checkbox, or by hand ("ice": items or total).
   */
  form: "text" | "yesNo" | "checkbox" | "ice";
  /** Whether charting it alone is an observation worth storing (a note alone is not). */
  chartsAlone: boolean;
  /** How an error names it ("Heart rate: 300 is outside 20-250 beats/min"). */
  label: string;
  /** Charted only since a later release: audit events written before it do not hold it. */
  addedLater?: true;
}

export const CHARTED_FIELDS = {
  heartRate: {
    section: "vitals",
    column: "int",
    notCharted: null,
    schema: optionalNumber(whole(heartRateSchema, "beats/min")),
    engine: "heartRate",
    form: "text",
    chartsAlone: true,
    label: "Heart rate",
  },
  respiratoryRate: {
    section: "vitals",
    column: "int",
    notCharted: null,
    schema: optionalNumber(whole(respiratoryRateSchema, "breaths/min")),
    engine: "respiratoryRate",
    form: "text",
    chartsAlone: true,
    label: "Respiratory rate",
  },
  systolicBP: {
    section: "vitals",
    column: "int",
    notCharted: null,
    schema: optionalNumber(whole(pressureSchema, "mmHg")),
    engine: "systolicBP",
    form: "text",
    chartsAlone: true,
    label: "Systolic BP",
  },
  diastolicBP: {
    section: "vitals",
    column: "int",
    notCharted: null,
    schema: optionalNumber(whole(pressureSchema, "mmHg")),
    engine: "diastolicBP",
    form: "text",
    chartsAlone: true,
    label: "Diastolic BP",
  },
  meanArterialPressure: {
    section: "vitals",
    column: "int",
    notCharted: null,
    schema: optionalNumber(whole(pressureSchema, "mmHg")),
    engine: "meanArterialPressure",
    form: "text",
    chartsAlone: true,
    label: "Mean arterial pressure",
  },
  spo2: {
    section: "vitals",
    column: "int",
    notCharted: null,
    schema: optionalNumber(whole(spo2Schema, "%")),
    engine: "spo2",
    form: "text",
    chartsAlone: true,
    label: "SpO2",
  },
  acvpu: {
    section: "vitals",
    column: "text",
    notCharted: null,
    schema: optionalText(acvpuSchema),
    engine: "acvpu",
    form: "text",
    chartsAlone: true,
    label: "Consciousness (ACVPU)",
    // NEWS2-ACVPU (rev 2)
    addedLater: true,
  },
  iceScore: {
    section: "neuro",
    column: "int",
    notCharted: null,
    schema: optionalNumber(iceScoreSchema),
    engine: "iceScore",
    form: "ice",
    chartsAlone: true,
    label: "ICE score",
  },
  consciousness: {
    section: "neuro",
    column: "text",
    notCharted: null,
    schema: optionalText(consciousnessSchema),
    engine: "consciousness",
    form: "text",
    chartsAlone: true,
    label: "Level of consciousness",
  },
  seizure: {
    section: "neuro",
    column: "text",
    notCharted: null,
    schema: optionalText(seizureSchema),
    engine: "seizure",
    form: "text",
    chartsAlone: true,
    label: "Seizure",
  },
  motorWeakness: {
    section: "neuro",
    column: "boolean",
    notCharted: null,
    schema: optionalBoolean("deep focal motor weakness"),
    engine: "motorWeakness",
    form: "yesNo",
    chartsAlone: true,
    label: "Motor weakness",
  },
  cerebralEdema: {
    section: "neuro",
    column: "text",
    notCharted: null,
    schema: optionalText(cerebralEdemaSchema),
    engine: "cerebralEdema",
    form: "text",
    chartsAlone: true,
    label: "Raised ICP / cerebral edema",
  },
  crsDeath: {
    section: "outcome",
    column: "boolean",
    notCharted: false,
    schema: optionalBoolean("death attributed to CRS"),
    engine: "crsDeath",
    form: "checkbox",
    chartsAlone: true,
    label: "Death attributed to CRS",
  },
  note: {
    section: "outcome",
    column: "text",
    notCharted: null,
    schema: optionalText(
      z.string({ error: (iss) => `${showValue(iss.input)} is not text` }).max(NOTE_MAX_CHARACTERS, {
        error: (iss) => `is too long (${String((iss.input as string).length)} characters); at most ${NOTE_MAX_CHARACTERS}`,
      }),
    ),
    engine: null,
    form: "text",
    chartsAlone: false,
    label: "Note",
  },
} as const satisfies Record<string, ChartedField>;

type Fields = typeof CHARTED_FIELDS;
export type ChartedFieldName = keyof Fields;
export const CHARTED_FIELD_NAMES = Object.keys(CHARTED_FIELDS) as ChartedFieldName[];

/** The table's fields of one section, in table order. */
export function chartedFieldsOf(section: ChartedField["section"]): ChartedFieldName[] {
  return CHARTED_FIELD_NAMES.filter((name) => CHARTED_FIELDS[name].section === section);
}

/** The zod schemas of one section's fields, by field name (the form's shape, in table order). */
export type ChartedSchemasOf<S extends ChartedField["section"]> = {
  [K in ChartedFieldName as Fields[K]["section"] extends S ? K : never]: Fields[K]["schema"];
};
export function chartedSchemasOf<S extends ChartedField["section"]>(section: S): ChartedSchemasOf<S> {
  return Object.fromEntries(chartedFieldsOf(section).map((name) => [name, CHARTED_FIELDS[name].schema])) as ChartedSchemasOf<S>;
}

/** The table's fields the form holds in one way. */
export type ChartedFieldsHeldAs<F extends ChartedField["form"]> = {
  [K in ChartedFieldName]: Fields[K]["form"] extends F ? K : never;
}[ChartedFieldName];
export function chartedFieldsHeldAs<F extends ChartedField["form"]>(form: F): ChartedFieldsHeldAs<F>[] {
  return CHARTED_FIELD_NAMES.filter((name): name is ChartedFieldsHeldAs<F> => CHARTED_FIELDS[name].form === form);
}

/** How errors name a plain value. */
export function chartedFieldLabel(name: ChartedFieldName): string {
  return CHARTED_FIELDS[name].label;
}

/** A plain value as an audit event holds it (null = not charted); a value added later may be absent from older events. */
export function chartedAuditSchemas(): Record<ChartedFieldName, z.ZodType> {
  const byColumn: Record<keyof ColumnType, z.ZodType> = {
    int: z.number(),
    float: z.number(),
    text: z.string(),
    boolean: z.boolean(),
  };
  return Object.fromEntries(
    CHARTED_FIELD_NAMES.map((name) => {
      const field: ChartedField = CHARTED_FIELDS[name];
      const stored = field.notCharted === null ? byColumn[field.column].nullable() : byColumn[field.column];
      return [name, field.addedLater ? stored.optional() : stored];
    }),
  ) as Record<ChartedFieldName, z.ZodType>;
}

/** The plain values as stored. */
export type PlainChartedValues = { -readonly [K in ChartedFieldName]: ColumnType[Fields[K]["column"]] | Fields[K]["notCharted"] };

/** The plain values as the validated form gives them (vocabulary values typed as such). */
export type ValidatedChartedValues = {
  -readonly [K in ChartedFieldName]: Exclude<z.output<Fields[K]["schema"]>, undefined> | Fields[K]["notCharted"];
};

/** One infusion charted as running, its dose in its pump's unit (vasopressin units/min, the others mcg/kg/min). */
export interface VasopressorRow {
  agent: string;
  doseMcgKgMin: number | null;
  doseUnitsPerMin: number | null;
}

/** The compound values, written out once (see the top of this file). */
export interface CompoundChartedValues {
  temperatureC: number | null;
  /** The device chosen, or OXYGEN_NOT_CHARTED (ASTCT-MISSING: never an assumed room air). */
  oxygenDevice: string;
  oxygenFlowLpm: number | null;
  fio2: number | null;
  /** false: vasopressors not re-checked at this observation (the infusions charted earlier still count). */
  vasopressorsCharted: boolean;
  /** The infusions charted as running at this observation (none when not charted). */
  vasopressors: VasopressorRow[];
}

/** The values charted on one observation, as stored (null = not charted): the stored version, the timeline row, the amend form, the tables. */
export type ChartedValues = CompoundChartedValues & PlainChartedValues;

const COMPOUND_COLUMNS = {
  temperatureC: true,
  oxygenDevice: true,
  oxygenFlowLpm: true,
  fio2: true,
  vasopressorsCharted: true,
} as const;

/** The Observation columns holding charted values (the vasopressor rows are their own table). */
export const chartedColumns = {
  ...COMPOUND_COLUMNS,
  ...(Object.fromEntries(CHARTED_FIELD_NAMES.map((name) => [name, true])) as { [K in ChartedFieldName]: true }),
};

/** The charted values of anything that carries them (a stored version, a validated form): nothing else. */
export function chartedValuesOf(source: ChartedValues): ChartedValues {
  const plain = Object.fromEntries(CHARTED_FIELD_NAMES.map((name) => [name, source[name]])) as PlainChartedValues;
  return {
    temperatureC: source.temperatureC,
    oxygenDevice: source.oxygenDevice,
    oxygenFlowLpm: source.oxygenFlowLpm,
    fio2: source.fio2,
    vasopressorsCharted: source.vasopressorsCharted,
    vasopressors: source.vasopressors,
    ...plain,
  };
}

/** Nothing charted (OBS-STATUS: a refused or not-possible set): every value its "not charted" value, vasopressors not re-checked. */
export function blankChartedValues(): ChartedValues {
  const plain = Object.fromEntries(
    CHARTED_FIELD_NAMES.map((name) => [name, CHARTED_FIELDS[name].notCharted]),
  ) as PlainChartedValues;
  return {
    temperatureC: null,
    oxygenDevice: OXYGEN_NOT_CHARTED,
    oxygenFlowLpm: null,
    fio2: null,
    vasopressorsCharted: false,
    vasopressors: [],
    ...plain,
  };
}

/** The plain values for the engine (stored values were checked against its vocabularies on the way in). */
export function plainValuesForEngine(values: PlainChartedValues): Partial<ObservationInput> {
  const input: Record<string, unknown> = {};
  for (const name of CHARTED_FIELD_NAMES) {
    const engine = CHARTED_FIELDS[name].engine;
    if (engine) input[engine] = values[name];
  }
  return input as Partial<ObservationInput>;
}

/**
 * What the nurse says about vasopressors at this observation: not re-checked (the infusions
 * charted earlier still count, docs/EXCHANGE-FORMAT.md reading 8), none running (stopped), or
 * running (the rows). Said explicitly, because "no rows" alone cannot tell stopped from unchecked.
 */
/**
 * ASTCT-MISSING: an oxygen device is charted only when someone chose it. "Not charted" (a spot
 * check) is stored as its own value, and the engine then gets no `oxygen`: unknown, never room air.
 */
export const OXYGEN_NOT_CHARTED = "not_charted";
export const OXYGEN_DEVICE_CHOICES = [...OXYGEN_DEVICES, OXYGEN_NOT_CHARTED] as const;
export type OxygenDeviceChoice = (typeof OXYGEN_DEVICE_CHOICES)[number];
export const OXYGEN_DEVICE_CHOICE_LABELS: Readonly<Record<OxygenDeviceChoice, string>> = {
  ...OXYGEN_DEVICE_LABELS,
  [OXYGEN_NOT_CHARTED]: "Not charted (spot check)",
};
export const isChartedDevice = (device: string): device is OxygenDevice => device !== OXYGEN_NOT_CHARTED;

export const VASOPRESSOR_STATUSES = ["not_charted", "none", "running"] as const;
export type VasopressorStatus = (typeof VASOPRESSOR_STATUSES)[number];
