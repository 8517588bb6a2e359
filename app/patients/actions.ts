"use server";
// Admission, edit and discharge: thin wrappers, the server functions validate, authorize and audit.
import { currentUser } from "@/lib/auth/guard";
import { admitPatient } from "@/lib/patients/admit-patient";
import { editPatient } from "@/lib/patients/edit-patient";
import { dischargePatient } from "@/lib/patients/discharge-patient";

export async function admitPatientAction(input: Record<string, unknown>) {
  return admitPatient(await currentUser(), input);
}

export async function editPatientAction(patientId: string, input: Record<string, unknown>) {
  return editPatient(await currentUser(), patientId, input);
}

export async function dischargePatientAction(patientId: string, input: { expectedVersion: number; reason: string }) {
  return dischargePatient(await currentUser(), patientId, input);
}
