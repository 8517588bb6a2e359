// Every server function that writes, with the permission it needs, a fresh target to act on and a
// valid input: the access matrix and the fuzz tests run over this one list, so a write function
// added here is covered by both.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { WriteResult } from "@/lib/write-result";
import { admitPatient } from "@/lib/patients/admit-patient";
import { editPatient } from "@/lib/patients/edit-patient";
import { dischargePatient } from "@/lib/patients/discharge-patient";
import { recordObservation } from "@/lib/observations/record-observation";
import { amendObservation } from "@/lib/observations/amend-observation";
import { markObservationInError } from "@/lib/observations/mark-observation-in-error";
import { recordDose } from "@/lib/doses/record-dose";
import { previewDose } from "@/lib/doses/preview-dose";
import { amendDose } from "@/lib/doses/amend-dose";
import { markDoseInError } from "@/lib/doses/mark-dose-in-error";
import { confirmDoseOverride } from "@/lib/doses/confirm-dose-override";
import { signOffHandoff } from "@/lib/handoff/sign-off-handoff";
import { recordWeight } from "@/lib/weights/record-weight";
import { createUser, deactivateUser, reactivateUser } from "@/lib/users";
import { acknowledgeTask } from "@/lib/tasks/acknowledge-task";
import { pauseObservations } from "@/lib/tasks/pause-observations";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import { importAcknowledgement } from "@/lib/import/import-acknowledgement";
import { testWard, WARD_ID, type TestWard } from "@/lib/timeline/test-ward";

export const NOW = new Date("2026-03-01T12:00:00Z");

export interface Target {
  ward: TestWard;
  patientId: string;
  observationVersionId: string;
  /** An unflagged dose, and a flagged one a nurse charted that awaits a physician's confirmation. */
  doseVersionId: string;
  flaggedDoseVersionId: string;
  /** A deactivated user (to reactivate) and an active one (to deactivate). */
  userId: string;
  activeUserId: string;
}

export interface WriteCase {
  name: string;
  action: Action;
  /** Answers without storing anything (a preview). */
  readOnly?: boolean;
  valid(target: Target): unknown;
  call(user: CurrentUser | null, target: Target, input: unknown): Promise<WriteResult<unknown>>;
}

let serial = 0;
const unique = () => `${Date.now().toString(36)}${(++serial).toString(36)}`.toUpperCase();

const patientForm = () => ({
  mrn: `CAT${unique()}`,
  name: "Cass Catalogue",
  birthDate: "1961-05-04",
  sex: "female",
  weightKg: "64.5",
  weightMeasuredAt: "2026-02-28T08:00:00Z",
  wardId: WARD_ID,
  bed: "4A-09",
  product: "axicabtagene ciloleucel",
  therapy: "car_t",
  infusionAt: "2026-02-27T10:00:00Z",
});
const doseForm = (extra: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  drug: "dexamethasone",
  doseMg: "10",
  route: "IV",
  effectiveAt: "2026-03-01T10:00:00Z",
  ...extra,
});
const observationForm = () => ({
  idempotencyKey: randomUUID(),
  effectiveAt: "2026-03-01T11:00:00Z",
  temperature: "37.4",
  heartRate: "88",
});

/** A fresh patient with one charted observation, and a fresh deactivated user. */
export async function freshTarget(): Promise<Target> {
  const ward = await testWard();
  const charted = await recordObservation(ward.users.nurse, ward.patientId, observationForm(), NOW);
  if (!charted.ok) throw new Error(`fixture observation: ${charted.message}`);
  const dose = await recordDose(ward.users.nurse, ward.patientId, doseForm(), NOW);
  if (!dose.ok) throw new Error(`fixture dose: ${dose.message}`);
  // 900 mg for 70 kg: over 800 mg and over the weight-based dose; charted by a nurse with a reason.
  const flagged = await recordDose(
    ward.users.nurse,
    ward.patientId,
    doseForm({
      drug: "tocilizumab",
      doseMg: "900",
      effectiveAt: "2026-03-01T09:00:00Z",
      confirmedFlags: ["TOCI_DOSE_OVER_800MG", "TOCI_DOSE_OVER_WEIGHT_BASED"],
      overrideReason: "Prescribed dose",
    }),
    NOW,
  );
  if (!flagged.ok || !flagged.value.awaitingOverrideConfirmation)
    throw new Error(`fixture flagged dose: ${JSON.stringify(flagged)}`);
  const user = (active: boolean) =>
    db.user.create({
      data: { username: `cat-${unique().toLowerCase()}`, displayName: "Cat User", role: "nurse", passwordHash: "x", active },
    });
  const [inactive, active] = [await user(false), await user(true)];
  return {
    ward,
    patientId: ward.patientId,
    observationVersionId: charted.value.observationId,
    doseVersionId: dose.value.doseId,
    flaggedDoseVersionId: flagged.value.doseId,
    userId: inactive.id,
    activeUserId: active.id,
  };
}

export const WRITE_CASES: WriteCase[] = [
  { name: "admitPatient", action: "patient:manage", valid: patientForm, call: (u, _t, input) => admitPatient(u, input, NOW) },
  {
    name: "editPatient",
    action: "patient:manage",
    valid: () => ({ ...patientForm(), expectedVersion: 1, reason: "Weight re-measured" }),
    call: (u, t, input) => editPatient(u, t.patientId, input, NOW),
  },
  {
    name: "dischargePatient",
    action: "patient:manage",
    valid: () => ({ expectedVersion: 1, reason: "Recovered: discharged home" }),
    call: (u, t, input) => dischargePatient(u, t.patientId, input, NOW),
  },
  {
    name: "recordObservation",
    action: "observation:chart",
    valid: observationForm,
    call: (u, t, input) => recordObservation(u, t.patientId, input, NOW),
  },
  {
    name: "amendObservation",
    action: "observation:chart",
    valid: () => ({ ...observationForm(), temperature: "37.8", reason: "Transcribed from the wrong monitor" }),
    call: (u, t, input) => amendObservation(u, t.observationVersionId, input, NOW),
  },
  {
    name: "markObservationInError",
    action: "observation:chart",
    valid: () => ({ reason: "Charted on the wrong patient" }),
    call: (u, t, input) => markObservationInError(u, t.observationVersionId, input, NOW),
  },
  {
    name: "recordDose",
    action: "dose:record",
    valid: () => doseForm(),
    call: (u, t, input) => recordDose(u, t.patientId, input, NOW),
  },
  {
    name: "previewDose",
    action: "dose:record",
    readOnly: true,
    valid: () => doseForm(),
    call: (u, t, input) => previewDose(u, t.patientId, input, NOW),
  },
  {
    name: "amendDose",
    action: "dose:record",
    valid: () => ({ ...doseForm(), doseMg: "12", reason: "Dose was 12 mg, not 10 mg" }),
    call: (u, t, input) => amendDose(u, t.doseVersionId, input, NOW),
  },
  {
    name: "markDoseInError",
    action: "dose:record",
    valid: () => ({ reason: "Charted on the wrong patient" }),
    call: (u, t, input) => markDoseInError(u, t.doseVersionId, input, NOW),
  },
  {
    name: "confirmDoseOverride",
    action: "dose:confirm-override",
    valid: () => ({ flags: ["TOCI_DOSE_OVER_800MG", "TOCI_DOSE_OVER_WEIGHT_BASED"], reason: "Agreed with the prescribed dose" }),
    call: (u, t, input) => confirmDoseOverride(u, t.flaggedDoseVersionId, input, NOW),
  },
  {
    name: "signOffHandoff",
    action: "handoff:sign-off",
    valid: () => ({ idempotencyKey: randomUUID(), sheetAt: "2026-03-01T11:55:00Z", note: "Received" }),
    call: (u, t, input) => signOffHandoff(u, t.patientId, input, NOW),
  },
  {
    name: "recordWeight",
    action: "observation:chart",
    valid: () => ({ idempotencyKey: randomUUID(), measuredAt: "2026-03-01T12:00:00Z", kg: "68.5" }),
    call: (u, t, input) => recordWeight(u, t.patientId, input, NOW),
  },
  {
    name: "acknowledgeTask",
    action: "task:acknowledge",
    // The 11:00 set (grade 0) was due at 15:00: at 16:00 the nurse's ESC_OBS_OVERDUE task is open.
    valid: (t) => ({
      idempotencyKey: randomUUID(),
      taskId: `ESC_OBS_OVERDUE:${t.observationVersionId}`,
      outcome: "reviewed_at_bedside",
    }),
    call: (u, t, input) => acknowledgeTask(u, t.patientId, input, new Date("2026-03-01T16:00:00Z")),
  },
  {
    name: "recordMissedSet",
    action: "observation:chart",
    valid: () => ({
      idempotencyKey: randomUUID(),
      effectiveAt: "2026-03-01T11:30:00Z",
      setStatus: "refused",
      statusReason: "declined",
    }),
    call: (u, t, input) => recordMissedSet(u, t.patientId, input, NOW),
  },
  {
    name: "pauseObservations",
    action: "observation:pause",
    valid: () => ({ idempotencyKey: randomUUID(), from: "2026-03-01T11:30:00Z", until: "2026-03-01T13:00:00Z", reason: "MRI" }),
    call: (u, t, input) => pauseObservations(u, t.patientId, input, NOW),
  },
  {
    name: "importAcknowledgement",
    action: "task:acknowledge",
    // An answer from an imported timeline file: the file's author, role and time, kept as text.
    valid: (t) => ({
      idempotencyKey: randomUUID(),
      taskId: `ESC_OBS_OVERDUE:${t.observationVersionId}`,
      fileTaskId: "ESC_OBS_OVERDUE:o1",
      fileAcknowledgementId: "a1",
      at: "2026-03-01T11:50:00Z",
      by: "Dr Elsewhere",
      role: "physician",
      outcome: "reviewed_at_bedside",
      note: null,
    }),
    call: (u, t, input) => importAcknowledgement(u, t.patientId, input, NOW),
  },
  {
    name: "recordDoseWithCarriedConfirmation",
    action: "dose:record",
    valid: () => doseForm(),
    call: (u, t, input) =>
      recordDose(u, t.patientId, input, NOW, {
        carriedConfirmation: { flags: ["TOCI_DOSE_OVER_800MG"], at: "2026-03-01T11:00:00Z", by: "Dr Elsewhere" },
      }),
  },
  {
    name: "createUser",
    action: "users:manage",
    valid: () => ({
      username: `new.${unique().toLowerCase()}`,
      displayName: "New Starter",
      role: "nurse",
      password: "a long enough password",
    }),
    call: (u, _t, input) => createUser(u, input),
  },
  {
    name: "reactivateUser",
    action: "users:manage",
    valid: (t) => ({ userId: t.userId }),
    call: (u, _t, input) => reactivateUser(u, input),
  },
  {
    name: "deactivateUser",
    action: "users:manage",
    valid: (t) => ({ userId: t.activeUserId }),
    call: (u, _t, input) => deactivateUser(u, input),
  },
];

/** Everything a refused or invalid call must leave untouched. */
export async function storedState() {
  const [patients, users, observations, vasopressors, doses, handoffSignOffs, weights, confirmations, acknowledgements, pauses] =
    await Promise.all([
      db.patient.findMany({ orderBy: { id: "asc" } }),
      db.user.findMany({ orderBy: { id: "asc" } }),
      db.observation.count(),
      db.vasopressorInfusion.count(),
      db.medicationAdministration.count(),
      db.handoffSignOff.count(),
      db.patientWeight.count(),
      db.doseConfirmation.count(),
      db.acknowledgement.count(),
      db.observationPause.count(),
    ]);
  return {
    patients,
    users,
    observations,
    vasopressors,
    doses,
    handoffSignOffs,
    weights,
    confirmations,
    acknowledgements,
    pauses,
  };
}
