/**
 * The charting form's own model: what the nurse typed (all text, so a wrong value is kept exactly
 * as typed), and the payload the shared observation schema checks. No clinical rule lives here:
 * grading and ranges are the schema's and the engine's.
 */
import { chartedFieldsHeldAs, type ChartedFieldsHeldAs, type ChartedValues } from "@/lib/facts/charted-values";
import { VASOPRESSOR_DOSE_UNITS, type OxygenDevice, type VasopressorAgent } from "@/lib/engine/vocabulary";
import type { VasopressorStatus } from "@/lib/facts/charted-values";
import { resolveWardInput, toWardInputValue, type RepeatedHourChoice } from "./ward-input";
import { temperatureFormText, type TemperatureUnit } from "./temperature";

/** The ten ICE items (ASTCT 2019), one point each. */
export const ICE_ITEMS = [
  { key: "year", group: "Orientation", label: "Year" },
  { key: "month", group: "Orientation", label: "Month" },
  { key: "city", group: "Orientation", label: "City" },
  { key: "hospital", group: "Orientation", label: "Hospital" },
  { key: "object1", group: "Naming", label: "Names object 1" },
  { key: "object2", group: "Naming", label: "Names object 2" },
  { key: "object3", group: "Naming", label: "Names object 3" },
  { key: "commands", group: "Other", label: "Follows simple commands" },
  { key: "writing", group: "Other", label: "Writes a standard sentence" },
  { key: "counting", group: "Other", label: "Counts back from 100 by 10" },
] as const;
export type IceItemKey = (typeof ICE_ITEMS)[number]["key"];

/** Devices where a flow (L/min) is charted, and where an FiO2 is. */
export const FLOW_DEVICES: ReadonlySet<string> = new Set<OxygenDevice>([
  "blow_by",
  "nasal_cannula",
  "high_flow_nasal_cannula",
  "simple_face_mask",
  "non_rebreather",
  "venturi_mask",
]);
export const FIO2_DEVICES: ReadonlySet<string> = new Set<OxygenDevice>([
  "high_flow_nasal_cannula",
  "venturi_mask",
  "cpap",
  "bipap",
  "mechanical_ventilation",
]);

export interface VasopressorRowText {
  /** Stable React key for the row (not sent). */
  rowId: string;
  agent: string;
  /** In the agent's unit (vasopressorDoseField): units/min for vasopressin, mcg/kg/min for the others. */
  dose: string;
}

/** The field a row's dose is sent as, and its unit: vasopressin in units/min, the others (and no agent yet) in mcg/kg/min. */
export function vasopressorDoseField(agent: string): { field: "doseMcgKgMin" | "doseUnitsPerMin"; unit: string } {
  const unit = (VASOPRESSOR_DOSE_UNITS as Record<string, string | undefined>)[agent] ?? "mcg/kg/min";
  return unit === "units/min" ? { field: "doseUnitsPerMin", unit } : { field: "doseMcgKgMin", unit };
}

/** The charted values the form holds as typed or chosen text, a yes/no choice, or a checkbox (lib/facts/charted-values.ts). */
const TEXT_FIELDS = chartedFieldsHeldAs("text");
const YES_NO_FIELDS = chartedFieldsHeldAs("yesNo");
const CHECKBOX_FIELDS = chartedFieldsHeldAs("checkbox");
type YesNo = "" | "true" | "false";

type PlainFormText = { [K in ChartedFieldsHeldAs<"text">]: string } & { [K in ChartedFieldsHeldAs<"yesNo">]: YesNo } & {
  [K in ChartedFieldsHeldAs<"checkbox">]: boolean;
};

export type ObservationFormText = PlainFormText & {
  effectiveAtLocal: string;
  /** When the clocks went back and the wall time happened twice: which one ("earlier" / "later"). */
  repeatedHour: RepeatedHourChoice;
  temperature: string;
  temperatureUnit: TemperatureUnit;
  oxygenDevice: string;
  oxygenFlowLpm: string;
  fio2: string;
  /** Not re-checked (earlier infusions still count), none running, or running (the rows). */
  vasopressorStatus: VasopressorStatus;
  /** Kept while another choice is made, so switching back does not lose them; sent only when running. */
  vasopressors: VasopressorRowText[];
  /** "none": ICE not assessed (not the same as a score of 0). */
  iceMode: "none" | "items" | "total";
  iceItems: Record<IceItemKey, boolean>;
  iceScore: string;
  /** Amendments only: why. */
  reason: string;
};

/** The plain values of the form, blank. */
function blankPlainValues(): PlainFormText {
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((name) => [name, ""])) as { [K in ChartedFieldsHeldAs<"text">]: string }),
    ...(Object.fromEntries(YES_NO_FIELDS.map((name) => [name, ""])) as { [K in ChartedFieldsHeldAs<"yesNo">]: YesNo }),
    ...(Object.fromEntries(CHECKBOX_FIELDS.map((name) => [name, false])) as { [K in ChartedFieldsHeldAs<"checkbox">]: boolean }),
  };
}

export const noIceItems = (): Record<IceItemKey, boolean> =>
  Object.fromEntries(ICE_ITEMS.map((item) => [item.key, false])) as Record<IceItemKey, boolean>;

export function iceTotal(items: Record<IceItemKey, boolean>): number {
  return ICE_ITEMS.filter((item) => items[item.key]).length;
}

/** A blank form; the temperature is typed in the nurse's own unit (lib/users/temperature-unit.ts). */
export function emptyObservationForm(now: number, timeZone: string, temperatureUnit: TemperatureUnit): ObservationFormText {
  return {
    effectiveAtLocal: toWardInputValue(now, timeZone),
    repeatedHour: "",
    temperature: "",
    temperatureUnit,
    ...blankPlainValues(),
    // ASTCT-MISSING: no device is assumed; the nurse chooses one (or "not charted").
    oxygenDevice: "",
    oxygenFlowLpm: "",
    fio2: "",
    vasopressorStatus: "not_charted",
    vasopressors: [],
    iceMode: "none",
    iceItems: noIceItems(),
    iceScore: "",
    reason: "",
  };
}

/** A stored observation, as the amend form shows it (everything re-typed is checked again). */
export interface StoredObservationValues extends ChartedValues {
  effectiveAt: string;
}

const text = (value: number | string | boolean | null | undefined): string => (value == null ? "" : String(value));
const yesNo = (value: boolean | string | number | null): YesNo => (value === null ? "" : value === true ? "true" : "false");

/** The amend form: the stored temperature in the nurse's unit, exactly (saved unchanged, it stores the same °C). */
export function formFromStored(
  stored: StoredObservationValues,
  timeZone: string,
  temperatureUnit: TemperatureUnit,
): ObservationFormText {
  return {
    ...emptyObservationForm(Date.parse(stored.effectiveAt), timeZone, temperatureUnit),
    temperature: stored.temperatureC == null ? "" : temperatureFormText(stored.temperatureC, temperatureUnit),
    ...(Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(stored[name])])) as {
      [K in ChartedFieldsHeldAs<"text">]: string;
    }),
    ...(Object.fromEntries(YES_NO_FIELDS.map((name) => [name, yesNo(stored[name])])) as {
      [K in ChartedFieldsHeldAs<"yesNo">]: YesNo;
    }),
    ...(Object.fromEntries(CHECKBOX_FIELDS.map((name) => [name, stored[name] === true])) as {
      [K in ChartedFieldsHeldAs<"checkbox">]: boolean;
    }),
    oxygenDevice: stored.oxygenDevice,
    oxygenFlowLpm: text(stored.oxygenFlowLpm),
    fio2: text(stored.fio2),
    vasopressorStatus: !stored.vasopressorsCharted ? "not_charted" : stored.vasopressors.length > 0 ? "running" : "none",
    // A vasopressin dose charted as mcg/kg/min before units/min is not offered again: it is re-typed in units/min.
    vasopressors: stored.vasopressors.map((row, i) => ({
      rowId: `stored-${i}`,
      agent: row.agent,
      dose: text(
        vasopressorDoseField(row.agent as VasopressorAgent).field === "doseUnitsPerMin" ? row.doseUnitsPerMin : row.doseMcgKgMin,
      ),
    })),
    iceMode: stored.iceScore == null ? "none" : "total",
    iceScore: text(stored.iceScore),
  };
}

export type TimeProblem = { path: "effectiveAt"; message: string };

/**
 * The payload observationFormSchema / observationAmendmentSchema check, or the problem with the
 * bedside time (which only the form can see: the schema gets an instant, not a wall-clock time).
 */
export function observationPayload(
  form: ObservationFormText,
  timeZone: string,
  idempotencyKey: string,
  amending: boolean,
): { payload: Record<string, unknown>; timeProblem: TimeProblem | null } {
  const { iso: effectiveAt, problem } = resolveWardInput(form.effectiveAtLocal, form.repeatedHour, timeZone);
  const timeProblem: TimeProblem | null = problem ? { path: "effectiveAt", message: problem } : null;

  const payload: Record<string, unknown> = {
    idempotencyKey,
    effectiveAt,
    temperature: form.temperature,
    temperatureUnit: form.temperatureUnit,
    ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, form[name]])),
    ...Object.fromEntries(YES_NO_FIELDS.map((name) => [name, form[name]])),
    ...Object.fromEntries(CHECKBOX_FIELDS.map((name) => [name, form[name] ? "true" : ""])),
    oxygenDevice: form.oxygenDevice,
    // A field hidden for the chosen device is not charted, even if something was typed before.
    oxygenFlowLpm: FLOW_DEVICES.has(form.oxygenDevice) ? form.oxygenFlowLpm : "",
    fio2: FIO2_DEVICES.has(form.oxygenDevice) ? form.fio2 : "",
    vasopressorStatus: form.vasopressorStatus,
    // Rows left from another choice are not charted (like a flow for a device without one).
    vasopressors:
      form.vasopressorStatus === "running"
        ? form.vasopressors.map((row) => ({ agent: row.agent, [vasopressorDoseField(row.agent).field]: row.dose }))
        : [],
    iceScore: form.iceMode === "items" ? iceTotal(form.iceItems) : form.iceMode === "total" ? form.iceScore : "",
  };
  if (amending) payload.reason = form.reason;
  return { payload, timeProblem };
}
