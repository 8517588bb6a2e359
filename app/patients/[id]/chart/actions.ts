"use server";
// Thin server actions: the server functions validate, authorize and audit themselves.
import { currentUser } from "@/lib/auth/guard";
import { recordObservation, type RecordedObservation } from "@/lib/observations/record-observation";
import { amendObservation } from "@/lib/observations/amend-observation";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import type { WriteResult } from "@/lib/write-result";

export async function chartObservation(
  patientId: string,
  input: Record<string, unknown>,
): Promise<WriteResult<RecordedObservation>> {
  return recordObservation(await currentUser(), patientId, input);
}

export async function amendObservationAction(versionId: string, input: Record<string, unknown>) {
  return amendObservation(await currentUser(), versionId, input);
}

export async function chartMissedSet(patientId: string, input: Record<string, unknown>) {
  return recordMissedSet(await currentUser(), patientId, input);
}
