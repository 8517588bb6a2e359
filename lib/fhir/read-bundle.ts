// A FHIR R4 Bundle upload -> charted sets and doses (lib/import/items.ts). The Bundle is first
// validated against the R4 definitions; then every resource is mapped by its codes, and a code
// CRS Watch does not chart is refused with the code named, never skipped. Observations at the same
// instant are one charted set (a CRS Watch export groups them by the set's identifier instead);
// the latest version of each resource counts, and a resource entered in error is left out. What
// the engine derives (NEWS2, CRS and ICANS grades) is recomputed from the values, never imported.
import type {
  BundleEntry,
  CodeableConcept,
  Coding,
  MedicationAdministration,
  Observation,
  ObservationComponent,
  Quantity,
  Resource,
} from "@medplum/fhirtypes";
import { codeDrug, DRUGS, parseInstant } from "@/lib/engine";
import {
  BLOOD_PRESSURE,
  CRS_WATCH_CODES,
  GRADES,
  IDENTIFIER_SYSTEMS,
  isCoding,
  LOCAL_FINDINGS,
  NEWS2,
  OXYGEN,
  QUANTITY_VITALS,
  SET_NOT_TAKEN,
  UCUM,
  VASOPRESSORS,
  type LocalFinding,
} from "@/lib/fhir/codes";
import { fhirProblems } from "@/lib/fhir/validate";
import type { ImportedDose, ImportedMissedSet, ImportedSet, ParsedUpload } from "@/lib/import/items";

type Fields = Record<string, unknown>;

interface Member {
  label: string;
  identity: string;
  /** A CRS Watch export's set lineage, from the identifier "lineage/part". */
  lineage: string | null;
  version: number;
  at: string;
  fields: Fields;
  /** Entered in error: its set's version is withdrawn. */
  inError: boolean;
}

const showCoding = (code: Coding | undefined) =>
  code ? `${code.system ?? "(no system)"}|${code.code ?? "(no code)"}${code.display ? ` (${code.display})` : ""}` : "(no code)";

const labelOf = (resource: Resource) => `${resource.resourceType} "${resource.id ?? "(no id)"}"`;

export function readFhirBundle(json: unknown): ParsedUpload {
  const invalid = fhirProblems(json);
  if (invalid.length > 0) return { ok: false, problems: invalid };
  const bundle = json as { resourceType: string; entry?: BundleEntry[] };
  if (bundle.resourceType !== "Bundle") return { ok: false, problems: [`(input): is a ${bundle.resourceType}, not a Bundle`] };

  const problems: string[] = [];
  const latest = latestVersions((bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : [])));
  const patients = latest.filter((resource) => resource.resourceType === "Patient");
  if (patients.length > 1) problems.push(`(input): holds ${patients.length} patients; upload one patient's record at a time`);

  const members: Member[] = [];
  const doses: ImportedDose[] = [];
  const missedSets: ImportedMissedSet[] = [];
  for (const resource of latest) {
    if (resource.resourceType === "Patient" || resource.resourceType === "CodeSystem") continue;
    if (resource.resourceType === "Observation" && isSetNotTaken(resource)) {
      const missed = readSetNotTaken(resource, problems);
      if (missed) missedSets.push(missed);
    } else if (resource.resourceType === "Observation") {
      const member = readObservation(resource, problems);
      if (member) members.push(member);
    } else if (resource.resourceType === "MedicationAdministration") {
      const dose = readDose(resource, problems);
      if (dose) doses.push(dose);
    } else {
      problems.push(
        `${labelOf(resource)}: a ${resource.resourceType} is not something CRS Watch charts (Observation, MedicationAdministration)`,
      );
    }
  }
  const sets = groupIntoSets(members, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items: { format: "fhir", sets, doses, missedSets } };
}

const isSetNotTaken = (resource: Observation) =>
  resource.dataAbsentReason !== undefined && (resource.code.coding ?? []).some((code) => isCoding(code, SET_NOT_TAKEN.panel));

/** OBS-STATUS: the vital signs panel with a dataAbsentReason is a set not taken, charted as one (refused or not possible). */
function readSetNotTaken(resource: Observation, problems: string[]): ImportedMissedSet | null {
  const label = labelOf(resource);
  const absent = resource.dataAbsentReason?.coding?.find((code) => code.system === SET_NOT_TAKEN.absentSystem)?.code;
  const status = Object.entries(SET_NOT_TAKEN.byStatus).find(([, code]) => code === absent)?.[0];
  const identity = identityOf(resource);
  const at = resource.effectiveDateTime ?? resource.effectiveInstant;
  if (!status) {
    problems.push(
      `${label}: dataAbsentReason "${absent ?? "(none)"}" is not a set refused (asked-declined) or not possible (not-performed)`,
    );
    return null;
  }
  if (!identity || !at) {
    problems.push(`${label}: needs an identifier and an effective time`);
    return null;
  }
  const lineage =
    resource.identifier?.find((entry) => entry.system === IDENTIFIER_SYSTEMS.observation)?.value?.split("/")[0] ?? null;
  return {
    sourceKey: lineage ? `lineage:${lineage}` : identity,
    source: label,
    exportedId: lineage,
    at,
    form: { effectiveAt: at, setStatus: status, statusReason: resource.note?.map((note) => note.text).join(" ") ?? "" },
  };
}

/** The identity of a resource across versions: its first identifier, else its type and id. */
function identityOf(resource: Resource & { identifier?: { system?: string; value?: string }[] }): string | null {
  const identifier = resource.identifier?.find((entry) => entry.value);
  if (identifier) return `${identifier.system ?? ""}|${identifier.value}`;
  return resource.id ? `${resource.resourceType}/${resource.id}` : null;
}

/** The highest meta.versionId of each resource (a CRS Watch export carries every version). */
function latestVersions(resources: readonly Resource[]): Resource[] {
  const byIdentity = new Map<string, Resource>();
  const unnamed: Resource[] = [];
  for (const resource of resources) {
    const identity = identityOf(resource as Resource & { identifier?: { system?: string; value?: string }[] });
    if (!identity) {
      unnamed.push(resource);
      continue;
    }
    const earlier = byIdentity.get(identity);
    if (!earlier || versionOf(resource) > versionOf(earlier)) byIdentity.set(identity, resource);
  }
  return [...byIdentity.values(), ...unnamed];
}

const versionOf = (resource: Resource) => Number(resource.meta?.versionId ?? 1) || 1;

function readObservation(resource: Observation, problems: string[]): Member | null {
  const label = labelOf(resource);
  const codes = resource.code.coding ?? [];
  // Derived by the engine: recomputed from the values, never taken from a file.
  if (codes.some((code) => isCoding(code, NEWS2.total) || isCoding(code, GRADES.crs) || isCoding(code, GRADES.icans)))
    return null;
  const ours = resource.identifier?.find((entry) => entry.system === IDENTIFIER_SYSTEMS.observation)?.value;
  const lineage = ours ? ours.split("/")[0]! : null;
  if (resource.status === "entered-in-error") {
    return { label, identity: "", lineage, version: versionOf(resource), at: "", fields: {}, inError: true };
  }
  if (!["final", "amended", "corrected"].includes(resource.status)) {
    problems.push(`${label}: status "${resource.status}" is not a charted value (final, amended or corrected)`);
    return null;
  }
  const identity = identityOf(resource);
  if (!identity) {
    problems.push(`${label}: has no identifier or id, so importing it twice could not store it once`);
    return null;
  }
  const at = resource.effectiveDateTime ?? resource.effectiveInstant ?? resource.effectivePeriod?.start;
  if (!at) {
    problems.push(`${label}: has no effective time (effectiveDateTime)`);
    return null;
  }
  const fields = fieldsOf(resource, label, problems);
  if (!fields) return null;
  return { label, identity, lineage, version: versionOf(resource), at, fields, inError: false };
}

/** The form fields one Observation charts, or null (with the problem named) when its code or unit is unknown. */
function fieldsOf(resource: Observation, label: string, problems: string[]): Fields | null {
  const codes = resource.code.coding ?? [];
  const has = (wanted: Coding) => codes.some((code) => isCoding(code, wanted));
  const fail = (message: string) => {
    problems.push(`${label}: ${message}`);
    return null;
  };

  const vital = QUANTITY_VITALS.find((candidate) => candidate.codes.some(has));
  if (vital) {
    const value = resource.valueQuantity;
    if (value?.value === undefined) return fail(`has no valueQuantity`);
    if (vital.field === "temperatureC") {
      const unit = unitOf(value);
      if (unit !== "Cel" && unit !== "[degF]") return fail(`unit "${unit}" is not a temperature unit (Cel or [degF])`);
      return { temperature: value.value, temperatureUnit: unit === "Cel" ? "C" : "F" };
    }
    const unit = unitOf(value);
    if (unit !== vital.unit.code) return fail(`unit "${unit}" is not ${vital.unit.code} (UCUM)`);
    return { [vital.field]: value.value };
  }
  const pressure = (["systolicBP", "diastolicBP", "meanArterialPressure"] as const).find((field) => has(BLOOD_PRESSURE[field]));
  if (has(BLOOD_PRESSURE.panel) || pressure) {
    const parts: { code: CodeableConcept; valueQuantity?: Quantity }[] = pressure
      ? [{ code: resource.code, valueQuantity: resource.valueQuantity }]
      : (resource.component ?? []);
    const fields: Fields = {};
    for (const part of parts) {
      const field = (["systolicBP", "diastolicBP", "meanArterialPressure"] as const).find((name) =>
        (part.code.coding ?? []).some((code) => isCoding(code, BLOOD_PRESSURE[name])),
      );
      if (!field) return fail(`component ${showCoding(part.code.coding?.[0])} is not a blood pressure CRS Watch charts`);
      const unit = unitOf(part.valueQuantity);
      if (unit !== BLOOD_PRESSURE.unit.code) return fail(`unit "${unit}" is not mm[Hg] (UCUM)`);
      fields[field] = part.valueQuantity?.value;
    }
    return fields;
  }
  if (has(OXYGEN.support) || has(OXYGEN.flow) || has(OXYGEN.concentration)) return oxygenFields(resource, fail);
  if (has(VASOPRESSORS.code)) return vasopressorFields(resource, fail);
  const finding = (Object.keys(LOCAL_FINDINGS) as LocalFinding[]).find((name) => has(LOCAL_FINDINGS[name]));
  if (finding) {
    if (finding === "iceScore")
      return resource.valueInteger === undefined ? fail("has no valueInteger") : { iceScore: resource.valueInteger };
    if (finding === "motorWeakness" || finding === "crsDeath") {
      return resource.valueBoolean === undefined ? fail("has no valueBoolean") : { [finding]: resource.valueBoolean };
    }
    const value = localValueOf(resource.valueCodeableConcept, LOCAL_FINDINGS[finding].code!);
    return value === null
      ? fail(`value ${showCoding(resource.valueCodeableConcept?.coding?.[0])} is not a ${finding}`)
      : { [finding]: value };
  }
  return fail(`code ${showCoding(codes[0])} is not a code CRS Watch charts`);
}

const unitOf = (value: Quantity | undefined) =>
  value?.system === UCUM || value?.system === undefined ? (value?.code ?? value?.unit) : `${value.system}|${value.code}`;

/** "consciousness|awakens_to_voice" in CRS Watch's CodeSystem -> "awakens_to_voice"; the form checks the value. */
function localValueOf(value: CodeableConcept | undefined, vocabulary: string): string | null {
  const code = value?.coding?.find((entry) => entry.system === CRS_WATCH_CODES && entry.code?.startsWith(`${vocabulary}|`));
  return code?.code ? code.code.slice(vocabulary.length + 1) : null;
}

function oxygenFields(resource: Observation, fail: (message: string) => null): Fields | null {
  const fields: Fields = {};
  const parts: ObservationComponent[] = [
    ...(resource.valueQuantity ? [{ code: resource.code, valueQuantity: resource.valueQuantity }] : []),
    ...(resource.component ?? []),
  ];
  if (resource.valueCodeableConcept) {
    const device = localValueOf(resource.valueCodeableConcept, "oxygen-device");
    if (device === null)
      return fail(`oxygen device ${showCoding(resource.valueCodeableConcept.coding?.[0])} is not one CRS Watch charts`);
    fields.oxygenDevice = device;
  }
  for (const part of parts) {
    const codes = part.code.coding ?? [];
    const unit = unitOf(part.valueQuantity);
    if (codes.some((code) => isCoding(code, OXYGEN.flow))) {
      if (unit !== OXYGEN.flowUnit.code) return fail(`unit "${unit}" is not L/min (UCUM)`);
      fields.oxygenFlowLpm = part.valueQuantity?.value;
    } else if (codes.some((code) => isCoding(code, OXYGEN.concentration))) {
      if (unit !== "%") return fail(`unit "${unit}" is not % (UCUM)`);
      const percent = part.valueQuantity?.value;
      fields.fio2 = percent === undefined ? undefined : Math.round(percent * 10) / 1000;
    } else {
      return fail(`component ${showCoding(codes[0])} is not oxygen support CRS Watch charts`);
    }
  }
  return fields;
}

function vasopressorFields(resource: Observation, fail: (message: string) => null): Fields | null {
  const codes = resource.valueCodeableConcept?.coding ?? [];
  if (codes.some((code) => isCoding(code, VASOPRESSORS.none))) return { vasopressorStatus: "none" };
  if (!codes.some((code) => isCoding(code, VASOPRESSORS.running))) return fail("says neither running nor none running");
  const vasopressors: Fields[] = [];
  for (const part of resource.component ?? []) {
    const code = (part.code.coding ?? []).find(
      (entry) => entry.system === CRS_WATCH_CODES && entry.code?.startsWith("vasopressor-"),
    );
    if (!code?.code) return fail(`component ${showCoding(part.code.coding?.[0])} is not a vasopressor CRS Watch charts`);
    if (part.valueQuantity && unitOf(part.valueQuantity) !== VASOPRESSORS.unit.code) {
      return fail(`unit "${unitOf(part.valueQuantity)}" is not ug/kg/min (UCUM)`);
    }
    vasopressors.push({
      agent: code.code.slice("vasopressor-".length),
      ...(part.valueQuantity?.value !== undefined ? { doseMcgKgMin: part.valueQuantity.value } : {}),
    });
  }
  return { vasopressorStatus: "running", vasopressors };
}

/** Members of one set: a CRS Watch set by its lineage, any other by its instant. Two values of one field are refused. */
function groupIntoSets(members: readonly Member[], problems: string[]): ImportedSet[] {
  const groups = new Map<string, Member[]>();
  for (const member of members) {
    if (member.inError && !member.lineage) continue;
    const key = member.lineage ? `lineage:${member.lineage}` : `at:${parseInstant(member.at)}`;
    groups.set(key, [...(groups.get(key) ?? []), member]);
  }
  const sets: ImportedSet[] = [];
  for (const [key, all] of groups) {
    // A CRS Watch set's latest version lists every value it holds: a value an amendment removed
    // lives only in an earlier version, which no longer counts.
    const newest = Math.max(...all.map((member) => member.version));
    const group = all[0]!.lineage ? all.filter((member) => member.version === newest) : all;
    if (group.some((member) => member.inError)) continue;
    const first = group[0]!;
    const form: Fields = { effectiveAt: first.at };
    for (const member of group) {
      for (const [field, value] of Object.entries(member.fields)) {
        if (field in form && form[field] !== value && field !== "effectiveAt") {
          problems.push(`${member.label}: a second value for ${field} in the set at ${first.at}`);
        }
        form[field] = value;
      }
    }
    sets.push({
      sourceKey: first.lineage
        ? key
        : `set:${group
            .map((member) => member.identity)
            .sort()
            .join(",")}`,
      source: group.length === 1 ? first.label : `the set at ${first.at} (${group.map((member) => member.label).join(", ")})`,
      exportedId: first.lineage,
      at: first.at,
      form,
    });
  }
  return sets.sort((a, b) => parseInstant(a.at) - parseInstant(b.at));
}

function readDose(resource: MedicationAdministration, problems: string[]): ImportedDose | null {
  const label = labelOf(resource);
  if (resource.status === "entered-in-error") return null;
  if (resource.status !== "completed") {
    problems.push(`${label}: status "${resource.status}" is not a dose given (completed)`);
    return null;
  }
  const identity = identityOf(resource);
  if (!identity) {
    problems.push(`${label}: has no identifier or id, so importing it twice could not store it once`);
    return null;
  }
  const at = resource.effectiveDateTime ?? resource.effectivePeriod?.start;
  if (!at) {
    problems.push(`${label}: has no effective time (effectiveDateTime)`);
    return null;
  }
  const drug = drugOf(resource.medicationCodeableConcept);
  if ("problem" in drug) {
    problems.push(`${label}: ${drug.problem}`);
    return null;
  }
  const dose = resource.dosage?.dose;
  const unit = unitOf(dose);
  if (dose?.value === undefined) {
    problems.push(`${label}: has no dosage.dose`);
    return null;
  }
  if (unit !== "mg" && unit !== "g") {
    problems.push(`${label}: dose unit "${unit}" is not mg or g (UCUM)`);
    return null;
  }
  const route = localValueOf(resource.dosage?.route, "route") ?? resource.dosage?.route?.text ?? null;
  const known = (DRUGS as readonly string[]).includes(drug.name);
  const ours = resource.identifier?.find((entry) => entry.system === IDENTIFIER_SYSTEMS.dose)?.value ?? null;
  return {
    sourceKey: `dose:${identity}`,
    source: label,
    exportedId: ours,
    at,
    form: {
      drug: known ? drug.name : "other",
      ...(known ? {} : { otherDrugName: drug.name }),
      doseMg: unit === "g" ? dose.value * 1000 : dose.value,
      route,
      effectiveAt: at,
    },
  };
}

/** The drug's generic name from CRS Watch's drug code, or from its text when that names a coded drug (DRUG-CODES). */
function drugOf(medication: CodeableConcept | undefined): { name: string } | { problem: string } {
  const codes = medication?.coding ?? [];
  const local = localValueOf(medication, "drug");
  if (local) return { name: local };
  if (codes.length > 0) return { problem: `medication code ${showCoding(codes[0])} is not a code CRS Watch charts` };
  const text = medication?.text;
  const coded = text ? codeDrug(text).drug : null;
  if (coded) return { name: coded.id };
  return { problem: `medication "${text ?? "(none)"}" is neither coded nor a drug CRS Watch knows` };
}
