// The one definition of a dose's confirmations (TOCI-CONFIRM): a physician's confirmation of the
// limit flags of one dose version is its own record (DoseConfirmation: who, when, which flags,
// why), so confirming never changes who charted the dose. A dose version charted by a physician
// over a limit carries that physician's confirmation on the version itself (overrideConfirmedById,
// at its charting time): it counts as a confirmation too, as it did before confirmations had
// their own table. The engine is given the latest confirmation at or before now; it covers the
// flags it names, so a flag raised later (a late earlier dose) is unconfirmed until confirmed.
import type { Tx } from "@/lib/db";
import type { MedicationInput, TociFlag } from "@/lib/engine";
import { rowsOf, type PatientSet } from "@/lib/facts/patient-set";

export const doseConfirmationColumns = {
  id: true,
  patientId: true,
  doseId: true,
  flags: true,
  reason: true,
  confirmedAt: true,
  confirmedById: true,
} as const;

/** A confirmation as the pages and the engine read it (the dose's own or a later record). */
export interface DoseConfirmation {
  /** The DoseConfirmation id, or null for the confirmation charted with the dose version itself. */
  id: string | null;
  flags: TociFlag[];
  reason: string | null;
  at: Date;
  byId: string;
}

/** Confirmations by dose version id, oldest first. */
export type DoseConfirmations = ReadonlyMap<string, readonly DoseConfirmation[]>;

/** The dose version columns a confirmation charted with the dose is read from. */
interface DoseWithOwnConfirmation {
  id: string;
  recordedAt: Date;
  flagsAtCharting: string;
  overrideReason: string | null;
  overrideConfirmedById: string | null;
}

export function splitFlagList(flags: string): TociFlag[] {
  return flags ? (flags.split(",").filter((flag) => flag !== "") as TociFlag[]) : [];
}

/** Every confirmation of the patients' dose versions, grouped by dose version (one query). */
export async function loadDoseConfirmations(
  client: Pick<Tx, "doseConfirmation">,
  patients: PatientSet,
): Promise<Map<string, DoseConfirmation[]>> {
  const rows = await client.doseConfirmation.findMany({
    where: rowsOf(patients),
    select: doseConfirmationColumns,
    orderBy: [{ confirmedAt: "asc" }, { id: "asc" }],
  });
  const byDose = new Map<string, DoseConfirmation[]>();
  for (const row of rows) {
    const list = byDose.get(row.doseId) ?? [];
    list.push({ id: row.id, flags: splitFlagList(row.flags), reason: row.reason, at: row.confirmedAt, byId: row.confirmedById });
    byDose.set(row.doseId, list);
  }
  return byDose;
}

/** A dose version's confirmations, its own (charted by a physician) first, oldest first. */
export function confirmationsOf(dose: DoseWithOwnConfirmation, confirmations: DoseConfirmations): DoseConfirmation[] {
  const own: DoseConfirmation[] =
    dose.overrideConfirmedById && dose.flagsAtCharting
      ? [
          {
            id: null,
            flags: splitFlagList(dose.flagsAtCharting),
            reason: dose.overrideReason,
            at: dose.recordedAt,
            byId: dose.overrideConfirmedById,
          },
        ]
      : [];
  return [...own, ...(confirmations.get(dose.id) ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The latest confirmation at or before `now` (a later one has not happened yet, ASOF), or null. */
export function confirmationAsOf(list: readonly DoseConfirmation[], now: Date): DoseConfirmation | null {
  let latest: DoseConfirmation | null = null;
  for (const confirmation of list) if (confirmation.at.getTime() <= now.getTime()) latest = confirmation;
  return latest;
}

/** TOCI-CONFIRM in the exchange format: the dose's confirmedFlags, confirmedAt and confirmedBy (a user id). */
export function confirmationForEngine(
  confirmation: DoseConfirmation | null,
): Pick<MedicationInput, "confirmedFlags" | "confirmedAt" | "confirmedBy"> {
  if (!confirmation) return {};
  return { confirmedFlags: confirmation.flags, confirmedAt: confirmation.at.toISOString(), confirmedBy: confirmation.byId };
}
