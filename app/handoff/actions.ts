"use server";
// Signing a handoff off from a sheet: a thin wrapper; the server function validates, authorizes and audits.
import { currentUser } from "@/lib/auth/guard";
import { signOffHandoff } from "@/lib/handoff/sign-off-handoff";

export type SignOffOutcome = { ok: true } | { ok: false; message: string; fieldErrors: { path: string; message: string }[] };

export async function signOffHandoffAction(
  patientId: string,
  input: { sheetAt: string; note: string; idempotencyKey: string },
): Promise<SignOffOutcome> {
  const result = await signOffHandoff(await currentUser(), patientId, input);
  return result.ok ? { ok: true } : { ok: false, message: result.message, fieldErrors: result.fieldErrors ?? [] };
}
