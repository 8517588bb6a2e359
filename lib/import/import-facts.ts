// Storing an upload: every new set through recordObservation and every new dose through recordDose,
// the very functions the charting forms call (authorization, the form's schema, the discharge
// rule, the tocilizumab re-check inside the write, the audit event, the late-entry records), each
// under a submission key made from the fact's identifier, so importing the same file twice stores
// each fact once. A dose that breaks a limit needs the importing user's confirmation and reason,
// exactly as a charted dose does; without them nothing at all is stored.
//
// Each fact is its own transaction, as when charted by hand, written in bedside-time order. If one
// is refused part-way (another dose was charted since the preview, say), the facts before it stay
// charted and the answer says so; importing the file again stores the rest and nothing twice.
import { actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { writeTransaction } from "@/lib/db";
import { sameFlags } from "@/lib/doses/dose-limits";
import { recordDose } from "@/lib/doses/record-dose";
import type { ImportItems } from "@/lib/import/items";
import { planImport, type ImportPreview, type PreviewedDose } from "@/lib/import/preview-import";
import { recordObservation } from "@/lib/observations/record-observation";
import { failed, succeeded, type FieldError, type WriteResult } from "@/lib/write-result";

/** The importing user's answer to a dose that breaks a tocilizumab limit: the flags seen, and why it was given. */
export interface DoseConfirmation {
  sourceKey: string;
  flags: string[];
  reason: string;
}

export interface ImportOutcome {
  preview: ImportPreview;
  storedSets: number;
  storedDoses: number;
  /** Doses stored over a limit and waiting for a physician (the importing user is not one). */
  awaitingOverrideConfirmation: number;
}

/** Import an upload for patient `patientId`. Permission `observation:chart`; each dose also needs `dose:record`. */
export async function importFacts(
  user: CurrentUser | null,
  patientId: unknown,
  items: ImportItems,
  confirmations: readonly DoseConfirmation[],
  now: Date = new Date(),
): Promise<WriteResult<ImportOutcome>> {
  const plan = await planImport(user, patientId, items, now);
  if (!plan.ok) return plan;
  const { preview, writes } = plan.value;
  const missing = unconfirmed(preview.dosesChecked, confirmations);
  if (missing.length > 0) {
    return failed(
      "invalid",
      missing.length === 1 ? `${missing[0]!.path}: ${missing[0]!.message}` : `${missing.length} doses need a confirmation`,
      { fieldErrors: missing },
    );
  }

  const patient = plan.value.patient;
  let storedSets = 0;
  let storedDoses = 0;
  let awaiting = 0;
  for (const write of writes) {
    const result =
      write.kind === "set"
        ? await recordObservation(user, patient.id, { ...write.item.form, idempotencyKey: write.key }, now)
        : await recordDose(
            user,
            patient.id,
            {
              ...Object.fromEntries(Object.entries(write.item.form).filter(([, value]) => value !== null)),
              idempotencyKey: write.key,
              ...confirmationOf(write.check, confirmations),
            },
            now,
          );
    if (!result.ok) {
      const stored = storedSets + storedDoses;
      return {
        ...result,
        message: `${write.item.source} was refused: ${result.message} ${stored} of ${writes.length} entries were stored before it; import the file again to store the rest (nothing is stored twice).`,
      };
    }
    if (write.kind === "set") storedSets++;
    else {
      storedDoses++;
      if ("awaitingOverrideConfirmation" in result.value && result.value.awaitingOverrideConfirmation) awaiting++;
    }
  }

  await writeTransaction((tx) =>
    recordAudit(tx, actorOf(user!), {
      action: "import.clinical_record",
      entityType: "patient",
      entityId: patient.id,
      after: {
        format: items.format,
        sets: storedSets,
        doses: storedDoses,
        skipped: preview.skipped.length,
        lateEntries: preview.lateEntries,
        regraded: preview.regraded.length,
        flaggedDoses: preview.dosesChecked.filter((dose) => dose.flags.length > 0).length,
      },
    }),
  );
  return succeeded({ preview, storedSets, storedDoses, awaitingOverrideConfirmation: awaiting });
}

/** Every flagged dose needs its flags confirmed, exactly, with a reason (TOCI-CONFIRM, as in the dose form). */
function unconfirmed(doses: readonly PreviewedDose[], confirmations: readonly DoseConfirmation[]): FieldError[] {
  const problems: FieldError[] = [];
  for (const dose of doses) {
    if (dose.flags.length === 0) continue;
    const answer = confirmations.find((confirmation) => confirmation.sourceKey === dose.sourceKey);
    if (!answer || !sameFlags(answer.flags, dose.flags)) {
      problems.push({
        path: `confirm.${dose.ordinal}`,
        message: `${dose.label} breaks ${dose.flags.join(", ")}: confirm it with a reason, as for a charted dose`,
      });
    } else if (answer.reason.trim() === "") {
      problems.push({ path: `confirm.${dose.ordinal}`, message: `${dose.label}: say why this dose was given despite the limit` });
    }
  }
  return problems;
}

function confirmationOf(
  dose: PreviewedDose,
  confirmations: readonly DoseConfirmation[],
): { confirmedFlags?: string[]; overrideReason?: string } {
  if (dose.flags.length === 0) return {};
  const answer = confirmations.find((confirmation) => confirmation.sourceKey === dose.sourceKey);
  return answer ? { confirmedFlags: answer.flags, overrideReason: answer.reason.trim() } : {};
}
