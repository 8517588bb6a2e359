"use server";
// Dose charting: thin wrappers; the server functions validate, authorize, check the limits and audit.
import { currentUser } from "@/lib/auth/guard";
import { previewDose } from "@/lib/doses/preview-dose";
import { recordDose } from "@/lib/doses/record-dose";
import { amendDose } from "@/lib/doses/amend-dose";

export async function previewDoseAction(patientId: string, input: Record<string, unknown>) {
  return previewDose(await currentUser(), patientId, input);
}

export async function recordDoseAction(patientId: string, input: Record<string, unknown>) {
  return recordDose(await currentUser(), patientId, input);
}

export async function amendDoseAction(versionId: string, input: Record<string, unknown>) {
  return amendDose(await currentUser(), versionId, input);
}
