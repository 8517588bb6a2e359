// The one observation schema: the charting form checks it in the browser, the server function and
// the JSON API check it again. Ranges and wording come from the engine (lib/engine/schema.ts), so
// a value the engine would refuse is refused here with the same words. Client-safe.
import {
  OXYGEN_DEVICE_CHOICES,
  OXYGEN_NOT_CHARTED,
  VASOPRESSOR_STATUSES,
  type OxygenDeviceChoice,
  type VasopressorStatus,
} from "@/lib/facts/charted-values";
import { z } from "zod";
import {
  fio2Schema,
  flowLpmSchema,
  showValue,
  temperatureCSchema,
  vasopressorListSchema,
  type VasopressorAgent,
} from "@/lib/engine/schema";
import { formNumber, formText, isBlank, isPlainObject } from "@/lib/http/form-values";
import { celsiusFromTyped, TEMPERATURE_UNITS, toFahrenheit, type TemperatureUnit } from "@/lib/format/temperature";
import { CHARTED_FIELD_NAMES, CHARTED_FIELDS, chartedSchemasOf, type ValidatedChartedValues } from "@/lib/facts/charted-values";
import {
  changeReasonSchema,
  effectiveAtSchema,
  formSchema,
  idempotencyKeySchema,
  type AddIssue,
  type FormValues,
} from "@/lib/write/charting-input";

export { NOTE_MAX_CHARACTERS } from "@/lib/facts/charted-values";
/** More infusions than any patient runs at once: a list this long is not a chart entry. */
export const MAX_VASOPRESSORS = 10;
export { VASOPRESSOR_STATUSES, type VasopressorStatus };

/** The observation as stored: every value the nurse did not chart is null (the plain values: lib/facts/charted-values.ts). */
export type ObservationFields = ValidatedChartedValues & {
  idempotencyKey: string;
  /** Canonical UTC ISO instant. */
  effectiveAt: string;
  temperatureC: number | null;
  /** The temperature as typed, kept for the audit trail when it was typed in °F. */
  temperatureAsCharted: { value: number; unit: TemperatureUnit } | null;
  oxygenDevice: OxygenDeviceChoice;
  oxygenFlowLpm: number | null;
  fio2: number | null;
  /** false: not re-checked at this observation; true: `vasopressors` is what was running (none or some). */
  vasopressorsCharted: boolean;
  vasopressors: { agent: VasopressorAgent; doseMcgKgMin: number | null; doseUnitsPerMin: number | null }[];
};

const optionalNumber = <S extends z.ZodNumber>(schema: S) => z.preprocess(formNumber, schema.optional());

// The engine's range is in °C; the message speaks the unit the nurse typed.
const TEMPERATURE_RANGE_C = { min: 25, max: 45 } as const;

/** Vasopressor rows from a form: blank rows dropped, dose text read as a number. */
function vasopressorRows(value: unknown): unknown {
  if (isBlank(value)) return [];
  if (!Array.isArray(value)) return value;
  return value
    .map((row) => {
      if (!isPlainObject(row)) return row;
      const cleaned: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(row)) {
        const read = key === "doseMcgKgMin" || key === "doseUnitsPerMin" ? formNumber(field) : formText(field);
        if (read !== undefined) cleaned[key] = read;
      }
      return cleaned;
    })
    .filter((row) => !isPlainObject(row) || Object.keys(row).length > 0);
}

function observationShape(now: Date) {
  return {
    idempotencyKey: idempotencyKeySchema,
    effectiveAt: effectiveAtSchema(now),
    temperature: optionalNumber(
      z.number({ error: (iss) => `${showValue(iss.input)} is not a number; type the temperature in °C or °F` }),
    ),
    temperatureUnit: z.preprocess(
      formText,
      z.enum(TEMPERATURE_UNITS, { error: (iss) => `${showValue(iss.input)} is not a temperature unit; use C or F` }).default("C"),
    ),
    ...chartedSchemasOf("vitals"),
    // ASTCT-MISSING: the device is chosen, never assumed. The form always sends the field, so a
    // blank there is refused by name; an API call that leaves it out charts no device.
    oxygenDevice: z.preprocess(
      (value) => (value === undefined || value === null ? OXYGEN_NOT_CHARTED : value),
      z.enum(OXYGEN_DEVICE_CHOICES, {
        error: (iss) =>
          iss.input === ""
            ? "Choose the oxygen device (Room air when none), or Not charted for a spot check"
            : `${showValue(iss.input)} is not an oxygen device; use one of ${OXYGEN_DEVICE_CHOICES.join(", ")}`,
      }),
    ),
    oxygenFlowLpm: optionalNumber(flowLpmSchema),
    fio2: optionalNumber(fio2Schema),
    vasopressorStatus: z.preprocess(
      formText,
      z
        .enum(VASOPRESSOR_STATUSES, {
          error: (iss) => `${showValue(iss.input)} is not a vasopressor status; use one of ${VASOPRESSOR_STATUSES.join(", ")}`,
        })
        .default("not_charted"),
    ),
    vasopressors: z.preprocess(
      vasopressorRows,
      vasopressorListSchema.max(MAX_VASOPRESSORS, {
        error: `lists more than ${MAX_VASOPRESSORS} infusions; chart each running infusion once`,
      }),
    ),
    ...chartedSchemasOf("neuro"),
    ...chartedSchemasOf("outcome"),
  };
}

type Shape = ReturnType<typeof observationShape>;
type ParsedShape = FormValues<Shape>;

/** Checks that need more than one field; they see only the fields that parsed. */
function checkObservation(value: Partial<ParsedShape>, addIssue: AddIssue, allFieldsValid: boolean): void {
  const unit = value.temperatureUnit;
  if (value.temperature !== undefined && unit !== undefined) {
    const celsius = celsiusFromTyped(value.temperature, unit);
    if (!temperatureCSchema.safeParse(celsius).success) {
      const range =
        unit === "F"
          ? `${toFahrenheit(TEMPERATURE_RANGE_C.min)}-${toFahrenheit(TEMPERATURE_RANGE_C.max)} °F`
          : `${TEMPERATURE_RANGE_C.min}-${TEMPERATURE_RANGE_C.max} °C`;
      addIssue(["temperature"], `${value.temperature} °${unit} is outside ${range}`);
    }
  }
  if (value.systolicBP !== undefined && value.diastolicBP !== undefined && value.diastolicBP >= value.systolicBP) {
    addIssue(["diastolicBP"], `${value.diastolicBP} mmHg must be below the systolic ${value.systolicBP} mmHg`);
  }
  // A flow or FiO2 with no device or "room air" is a contradiction that would grade the oxygen axis 0: ask which is right.
  if (value.oxygenDevice === OXYGEN_NOT_CHARTED) {
    if (value.oxygenFlowLpm !== undefined || value.fio2 !== undefined) {
      addIssue(["oxygenDevice"], "A flow or FiO2 is charted with no device: choose the oxygen device, or clear them");
    }
  }
  if (value.oxygenDevice === "room_air") {
    if (value.oxygenFlowLpm !== undefined && value.oxygenFlowLpm > 0) {
      addIssue(
        ["oxygenFlowLpm"],
        `${value.oxygenFlowLpm} L/min charted with room air: choose the oxygen device, or clear the flow`,
      );
    }
    if (value.fio2 !== undefined && value.fio2 > 0.21) {
      addIssue(["fio2"], `FiO2 ${value.fio2} charted with room air (0.21): choose the oxygen device, or clear the FiO2`);
    }
  }
  // The rows and the choice must agree: rows with "not re-checked" would be silently dropped, and
  // "running" with no row would chart nothing running.
  const rows = value.vasopressors?.length ?? 0;
  if (value.vasopressorStatus === "running" && value.vasopressors !== undefined && rows === 0) {
    addIssue(
      ["vasopressors"],
      "Running is chosen: add each infusion running (drug and dose), or choose none running or not re-checked",
    );
  }
  if (value.vasopressorStatus !== undefined && value.vasopressorStatus !== "running" && rows > 0) {
    const what = value.vasopressorStatus === "none" ? 'none running ("none")' : 'not re-checked ("not_charted")';
    addIssue(
      ["vasopressorStatus"],
      `${rows === 1 ? "1 infusion is" : `${rows} infusions are`} listed with ${what}: choose running ("running") to chart them, or remove them`,
    );
  }
  // Only when nothing else is wrong: a wrongly typed value was still an attempt to chart it.
  if (!allFieldsValid) return;
  const charted =
    value.temperature !== undefined ||
    CHARTED_FIELD_NAMES.some((name) => {
      const field = CHARTED_FIELDS[name];
      return field.chartsAlone && value[name] !== undefined && value[name] !== field.notCharted;
    }) ||
    value.oxygenFlowLpm !== undefined ||
    value.fio2 !== undefined ||
    value.oxygenDevice !== OXYGEN_NOT_CHARTED ||
    // "None running" alone is worth charting: it says the infusion was stopped.
    value.vasopressorStatus !== "not_charted" ||
    rows > 0;
  if (!charted) addIssue([], "Chart at least one value");
}

/** Each plain value as stored: what was not charted is the column's "not charted" value. */
function plainValues(value: ParsedShape): ValidatedChartedValues {
  return Object.fromEntries(
    CHARTED_FIELD_NAMES.map((name) => [name, value[name] ?? CHARTED_FIELDS[name].notCharted]),
  ) as ValidatedChartedValues;
}

function toFields(value: ParsedShape): ObservationFields {
  const unit = value.temperatureUnit;
  let temperatureC: number | null = null;
  if (value.temperature !== undefined) {
    // 100.4 °F is exactly 38.00 °C, and a value typed under a threshold is stored under it (lib/format/temperature.ts).
    temperatureC = celsiusFromTyped(value.temperature, unit);
  }
  return {
    idempotencyKey: value.idempotencyKey,
    effectiveAt: value.effectiveAt,
    temperatureC,
    temperatureAsCharted: value.temperature !== undefined && unit === "F" ? { value: value.temperature, unit } : null,
    oxygenDevice: value.oxygenDevice,
    oxygenFlowLpm: value.oxygenFlowLpm ?? null,
    fio2: value.fio2 ?? null,
    vasopressorsCharted: value.vasopressorStatus !== "not_charted",
    vasopressors: value.vasopressors.map((running) => ({
      agent: running.agent,
      doseMcgKgMin: running.doseMcgKgMin ?? null,
      doseUnitsPerMin: running.doseUnitsPerMin ?? null,
    })),
    ...plainValues(value),
  };
}

/**
 * The charting form (and POST /api/patients/[id]/observations). `now` bounds the bedside time:
 * at most 5 minutes in the future. Output: the observation as it will be stored.
 */
export function observationFormSchema(now: Date) {
  return formSchema(observationShape(now), "an observation", { check: checkObservation, build: toFields });
}

/** An amendment: the full corrected observation (nothing is copied implicitly) and why. */
export function observationAmendmentSchema(now: Date) {
  return formSchema({ ...observationShape(now), reason: changeReasonSchema }, "an amended observation", {
    check: checkObservation,
    build: (value): ObservationAmendmentFields => ({ ...toFields(value), reason: value.reason }),
  });
}

export type ObservationAmendmentFields = ObservationFields & { reason: string };
