"use server";
// Charting a weight: a thin wrapper; the server function validates, authorizes and audits.
import { currentUser } from "@/lib/auth/guard";
import { recordWeight } from "@/lib/weights/record-weight";

export async function recordWeightAction(patientId: string, input: Record<string, unknown>) {
  return recordWeight(await currentUser(), patientId, input);
}
