"use server";
// Charting and correcting a weight: thin wrappers; the server function validates, authorizes and audits.
import { currentUser } from "@/lib/auth/guard";
import { amendWeight, markWeightInError } from "@/lib/weights/correct-weight";
import { recordWeight } from "@/lib/weights/record-weight";

export async function recordWeightAction(patientId: string, input: Record<string, unknown>) {
  return recordWeight(await currentUser(), patientId, input);
}

export async function amendWeightAction(versionId: string, input: Record<string, unknown>) {
  return amendWeight(await currentUser(), versionId, input);
}

export async function markWeightInErrorAction(versionId: string, input: Record<string, unknown>) {
  return markWeightInError(await currentUser(), versionId, input);
}
