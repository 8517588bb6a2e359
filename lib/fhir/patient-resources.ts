// One patient's record as FHIR R4 resources: the Patient; every version of every charted set as
// vital-signs (and ICANS finding) Observations; the current sets' NEWS2, CRS and ICANS grades as
// derived Observations; every version of every dose as a MedicationAdministration. A correction
// is a new version of the same resources (same id, meta.versionId counting up, status amended or
// entered-in-error), never a silent change. Pure: the caller reads the facts and grades them.
import type {
  Annotation,
  BundleEntry,
  MedicationAdministration,
  Observation,
  ObservationComponent,
  Patient,
  Reference,
  Resource,
} from "@medplum/fhirtypes";
import { createHash } from "node:crypto";
import {
  CONSCIOUSNESS_LABELS,
  CEREBRAL_EDEMA_LABELS,
  DRUG_LABELS,
  OXYGEN_DEVICE_LABELS,
  ROUTE_LABELS,
  SEIZURE_LABELS,
  VASOPRESSOR_AGENT_LABELS,
  type GradedObservation,
  type ObservationInput,
  type Reason,
  type TimelineOutput,
} from "@/lib/engine";
import { news2Score } from "@/lib/engine/news2";
import type { DoseVersion, ObservationVersion } from "@/lib/timeline/facts";
import {
  BLOOD_PRESSURE,
  category,
  concept,
  DRUG_CODE,
  GRADES,
  IDENTIFIER_SYSTEMS,
  LOCAL_FINDINGS,
  localValue,
  NEWS2,
  NEWS2_PARAMETER_CODES,
  NEWS2_SPO2_SCALE_2,
  OXYGEN,
  QUANTITY_VITALS,
  quantity,
  ROUTE_CODE,
  SET_NOT_TAKEN,
  VASOPRESSORS,
  coding,
} from "@/lib/fhir/codes";
import { isChartedDevice } from "@/lib/facts/charted-values";

export interface PatientRecord {
  patient: { id: string; mrn: string; name: string; birthDate: string; sex: string };
  /** Every version of every fact (lib/timeline/facts.ts). */
  observations: readonly ObservationVersion[];
  doses: readonly DoseVersion[];
  /** Display names of who charted (user id -> name). */
  names: ReadonlyMap<string, string>;
  /** The engine's input and grading of the current versions (lib/timeline/load-timeline.ts). */
  engineObservations: readonly ObservationInput[];
  /** NEWS2-SPO2: the scale the SpO2 parameter was scored on. */
  spo2Scale: 1 | 2;
  graded: TimelineOutput;
}

/** A stable urn:uuid for one version of one resource, so the same record always exports the same Bundle. */
export function fullUrlOf(resourceType: string, id: string, version: number | string = 1): string {
  const hex = createHash("sha256").update(`${resourceType}/${id}/_history/${version}`).digest("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const entry = (resource: Resource & { id?: string; meta?: { versionId?: string } }): BundleEntry => ({
  fullUrl: fullUrlOf(resource.resourceType, resource.id ?? "", resource.meta?.versionId ?? 1),
  resource,
});

const GENDERS = { female: "female", male: "male", other: "other", unknown: "unknown" } as const;

function patientResource(patient: PatientRecord["patient"]): Patient {
  return {
    resourceType: "Patient",
    id: patient.id,
    identifier: [{ system: IDENTIFIER_SYSTEMS.mrn, value: patient.mrn }],
    name: [{ text: patient.name }],
    gender: GENDERS[patient.sex as keyof typeof GENDERS] ?? "unknown",
    birthDate: patient.birthDate,
  };
}

const FACT_STATUS = { final: "final", amended: "amended", entered_in_error: "entered-in-error" } as const;
const observationStatus = (status: string) => FACT_STATUS[status as keyof typeof FACT_STATUS] ?? "final";

/** The Observations of one version of one charted set (its members share effective time, version and status). */
function setMembers(row: ObservationVersion, subject: Reference<Patient>, names: PatientRecord["names"]): Observation[] {
  const base = (part: string): Observation => ({
    resourceType: "Observation",
    id: `${row.lineageId}-${part}`,
    meta: { versionId: String(row.version), lastUpdated: row.recordedAt.toISOString() },
    identifier: [{ system: IDENTIFIER_SYSTEMS.observation, value: `${row.lineageId}/${part}` }],
    status: observationStatus(row.status),
    code: { text: part },
    subject,
    effectiveDateTime: row.effectiveAt.toISOString(),
    issued: row.recordedAt.toISOString(),
    performer: [{ display: names.get(row.recordedById) ?? "(unknown user)" }],
  });
  const vital = (part: string, rest: Partial<Observation>): Observation => ({
    ...base(part),
    category: category("vital-signs", "Vital Signs"),
    ...rest,
  });
  // OBS-STATUS: a set not taken carries no values; it says so, and why.
  if (row.setStatus === "refused" || row.setStatus === "not_possible") {
    const reason = SET_NOT_TAKEN.byStatus[row.setStatus];
    return [
      vital("not-taken", {
        code: concept([SET_NOT_TAKEN.panel], row.setStatus === "refused" ? "Observations refused" : "Observations not possible"),
        dataAbsentReason: concept([coding(SET_NOT_TAKEN.absentSystem, reason)]),
        ...(row.statusReason ? { note: [{ text: row.statusReason }] } : {}),
      }),
    ];
  }
  const finding = (part: string, rest: Partial<Observation>): Observation => ({
    ...base(part),
    category: category("exam", "Exam"),
    ...rest,
  });
  const members: Observation[] = [];

  for (const vitalSign of QUANTITY_VITALS) {
    const value = row[vitalSign.field];
    if (value == null) continue;
    members.push(
      vital(vitalSign.part, {
        code: concept(vitalSign.codes, vitalSign.codes[0]!.display),
        valueQuantity: quantity(value, vitalSign.unit.text, vitalSign.unit.code),
      }),
    );
  }
  const pressures = (["systolicBP", "diastolicBP", "meanArterialPressure"] as const).filter((field) => row[field] != null);
  if (pressures.length > 0) {
    members.push(
      vital("blood-pressure", {
        code: concept([BLOOD_PRESSURE.panel], "Blood pressure"),
        component: pressures.map((field) => ({
          code: concept([BLOOD_PRESSURE[field]], BLOOD_PRESSURE[field].display),
          valueQuantity: quantity(row[field]!, BLOOD_PRESSURE.unit.text, BLOOD_PRESSURE.unit.code),
        })),
      }),
    );
  }
  // ASTCT-MISSING: no device charted, no oxygen Observation (never an assumed room air).
  if (isChartedDevice(row.oxygenDevice)) members.push(oxygenMember(row, vital));
  if (row.vasopressorsCharted) {
    const running = row.vasopressors.length > 0;
    members.push(
      vital("vasopressors", {
        code: concept([VASOPRESSORS.code], "Vasopressor infusions"),
        valueCodeableConcept: concept([running ? VASOPRESSORS.running : VASOPRESSORS.none]),
        ...(running
          ? {
              component: row.vasopressors.map((infusion) => {
                const label = VASOPRESSOR_AGENT_LABELS[infusion.agent as keyof typeof VASOPRESSOR_AGENT_LABELS] ?? infusion.agent;
                return {
                  code: concept([{ ...VASOPRESSORS.agent(infusion.agent), display: label }], label),
                  ...(infusion.doseMcgKgMin != null
                    ? { valueQuantity: quantity(infusion.doseMcgKgMin, VASOPRESSORS.unit.text, VASOPRESSORS.unit.code) }
                    : {}),
                };
              }),
            }
          : {}),
      }),
    );
  }
  if (row.iceScore != null) {
    members.push(finding("ice-score", { code: concept([LOCAL_FINDINGS.iceScore], "ICE score"), valueInteger: row.iceScore }));
  }
  const choices = [
    ["consciousness", row.consciousness, CONSCIOUSNESS_LABELS],
    ["seizure", row.seizure, SEIZURE_LABELS],
    ["cerebralEdema", row.cerebralEdema, CEREBRAL_EDEMA_LABELS],
  ] as const;
  for (const [field, value, labels] of choices) {
    if (value == null) continue;
    const label = (labels as Record<string, string>)[value] ?? value;
    const code = LOCAL_FINDINGS[field];
    members.push(
      finding(code.code!, {
        code: concept([code], code.display),
        valueCodeableConcept: concept([localValue(code.code!, value, label)], label),
      }),
    );
  }
  if (row.motorWeakness != null) {
    members.push(
      finding("motor-weakness", {
        code: concept([LOCAL_FINDINGS.motorWeakness], "Motor weakness"),
        valueBoolean: row.motorWeakness,
      }),
    );
  }
  if (row.crsDeath) {
    members.push(
      finding("crs-death", { code: concept([LOCAL_FINDINGS.crsDeath], "Death attributed to CRS"), valueBoolean: true }),
    );
  }
  const notes: Annotation[] = [];
  if (row.note) notes.push({ text: row.note });
  if (row.changeReason)
    notes.push({ text: `${row.status === "entered_in_error" ? "Entered in error" : "Amended"}: ${row.changeReason}` });
  if (notes.length > 0 && members[0]) members[0].note = notes;
  return members;
}

const noteOf = (reasons: readonly Reason[]): Annotation[] => reasons.map((reason) => ({ text: reason.text }));

/** NEWS2, CRS and ICANS of a current set, derived from its vital-sign Observations. */
function derived(
  row: ObservationVersion,
  members: readonly BundleEntry[],
  graded: GradedObservation,
  input: ObservationInput | undefined,
  subject: Reference<Patient>,
  spo2Scale: 1 | 2,
): Observation[] {
  const derivedFrom = members.map((member) => ({ reference: member.fullUrl! }));
  const base = (part: string): Observation => ({
    resourceType: "Observation",
    id: `${row.lineageId}-${part}`,
    meta: { versionId: String(row.version), lastUpdated: row.recordedAt.toISOString() },
    status: "final",
    category: category("survey", "Survey"),
    code: { text: part },
    subject,
    effectiveDateTime: row.effectiveAt.toISOString(),
    derivedFrom,
  });
  const resources: Observation[] = [];
  if (graded.news2 && input) {
    const news2 = news2Score(input, { spo2Scale });
    resources.push({
      ...base("news2"),
      code: concept([NEWS2.total], "NEWS2 total score"),
      valueQuantity: quantity(graded.news2.score, NEWS2.unit.text, NEWS2.unit.code),
      component: news2.parameters
        .filter((parameter) => parameter.score !== null)
        .map((parameter) => ({
          code: concept([
            parameter.parameter === "spo2" && spo2Scale === 2 ? NEWS2_SPO2_SCALE_2 : NEWS2_PARAMETER_CODES[parameter.parameter],
          ]),
          valueQuantity: quantity(parameter.score!, NEWS2.unit.text, NEWS2.unit.code),
        })),
      note: noteOf(graded.reasons.filter((reason) => reason.rule.startsWith("NEWS2"))),
    });
  }
  const local = "coded in CRS Watch's own CodeSystem: no standard code exists";
  resources.push({
    ...base("crs-grade"),
    code: concept([GRADES.crs], `CRS grade (ASTCT 2019), graded by CRS Watch; ${local}`),
    valueInteger: graded.grade,
    note: noteOf(graded.reasons.filter((reason) => !reason.rule.startsWith("ICANS") && !reason.rule.startsWith("NEWS2"))),
  });
  if (graded.icansGrade !== null) {
    resources.push({
      ...base("icans-grade"),
      code: concept([GRADES.icans], `ICANS grade (ASTCT 2019), graded by CRS Watch; ${local}`),
      valueInteger: graded.icansGrade,
      note: noteOf(graded.reasons.filter((reason) => reason.rule.startsWith("ICANS"))),
    });
  }
  return resources;
}

function doseResource(
  row: DoseVersion,
  subject: Reference<Patient>,
  names: PatientRecord["names"],
  record: PatientRecord,
): MedicationAdministration {
  const label = (DRUG_LABELS as Record<string, string>)[row.drug] ?? row.drug;
  const inError = row.status === "entered_in_error";
  const notes: Annotation[] = [];
  if (row.changeReason && !inError) notes.push({ text: `Amended: ${row.changeReason}` });
  if (row.flagsAtCharting) {
    const who = row.overrideConfirmedById
      ? `confirmed by ${names.get(row.overrideConfirmedById) ?? "a physician"}`
      : "awaiting a physician's confirmation";
    notes.push({ text: `Given despite ${row.flagsAtCharting.split(",").join(", ")} (${who}): ${row.overrideReason ?? ""}` });
  }
  const graded = record.graded.medications.find((dose) => dose.id === row.id);
  if (graded) notes.push(...noteOf(graded.reasons));
  const route = ROUTE_LABELS[row.route as keyof typeof ROUTE_LABELS] ?? row.route;
  return {
    resourceType: "MedicationAdministration",
    id: row.lineageId,
    meta: { versionId: String(row.version), lastUpdated: row.recordedAt.toISOString() },
    identifier: [{ system: IDENTIFIER_SYSTEMS.dose, value: row.lineageId }],
    status: inError ? "entered-in-error" : "completed",
    ...(inError && row.changeReason ? { statusReason: [{ text: row.changeReason }] } : {}),
    medicationCodeableConcept: concept([{ ...DRUG_CODE(row.drug), display: label }], row.drug),
    subject,
    effectiveDateTime: row.effectiveAt.toISOString(),
    performer: [{ actor: { display: names.get(row.recordedById) ?? "(unknown user)" } }],
    dosage: {
      route: concept([{ ...ROUTE_CODE(row.route), display: route }], route),
      dose: quantity(row.doseMg, "mg", "mg"),
    },
    ...(notes.length > 0 ? { note: notes } : {}),
  };
}

/** The oxygen support of a set that charted its device: the device, with flow and FiO2 as components. */
function oxygenMember(row: ObservationVersion, vital: (part: string, rest: Partial<Observation>) => Observation): Observation {
  const oxygen: ObservationComponent[] = [];
  if (row.oxygenFlowLpm != null) {
    oxygen.push({
      code: concept([OXYGEN.flow]),
      valueQuantity: quantity(row.oxygenFlowLpm, OXYGEN.flowUnit.text, OXYGEN.flowUnit.code),
    });
  }
  if (row.fio2 != null) {
    oxygen.push({ code: concept([OXYGEN.concentration]), valueQuantity: quantity(Math.round(row.fio2 * 1000) / 10, "%", "%") });
  }
  const deviceLabel = OXYGEN_DEVICE_LABELS[row.oxygenDevice as keyof typeof OXYGEN_DEVICE_LABELS] ?? row.oxygenDevice;
  return vital("oxygen", {
    code: concept([OXYGEN.support], "Oxygen support"),
    valueCodeableConcept: concept([localValue("oxygen-device", row.oxygenDevice, deviceLabel)], deviceLabel),
    ...(oxygen.length > 0 ? { component: oxygen } : {}),
  });
}

/** Every entry of one patient's record: the Patient first, then sets and doses in charting order. */
export function patientEntries(record: PatientRecord): BundleEntry[] {
  const patient = patientResource(record.patient);
  const patientEntry = entry(patient);
  const subject: Reference<Patient> = { reference: patientEntry.fullUrl!, display: record.patient.name };
  const entries: BundleEntry[] = [patientEntry];
  const graded = new Map(record.graded.observations.map((observation) => [observation.id, observation]));
  const inputs = new Map(record.engineObservations.map((observation) => [observation.id, observation]));
  for (const row of inChartOrder(record.observations)) {
    const members = setMembers(row, subject, record.names).map(entry);
    entries.push(...members);
    const grade = graded.get(row.id);
    // A set not taken has no grade to report (OBS-STATUS).
    if (grade && row.setStatus === "charted") {
      entries.push(...derived(row, members, grade, inputs.get(row.id), subject, record.spo2Scale).map(entry));
    }
  }
  for (const row of inChartOrder(record.doses)) entries.push(entry(doseResource(row, subject, record.names, record)));
  return entries;
}

/** Each fact's versions together, in version order, facts in order of their first bedside time. */
function inChartOrder<V extends { lineageId: string; version: number; effectiveAt: Date }>(rows: readonly V[]): V[] {
  const firstAt = new Map<string, number>();
  for (const row of rows) if (row.version === 1) firstAt.set(row.lineageId, row.effectiveAt.getTime());
  const at = (row: V) => firstAt.get(row.lineageId) ?? row.effectiveAt.getTime();
  return [...rows].sort((a, b) => at(a) - at(b) || a.lineageId.localeCompare(b.lineageId) || a.version - b.version);
}
