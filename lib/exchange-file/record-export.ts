// A record leaving the app is a read, authorized like any other, and audited before it is handed
// over (who, which patient or ward, which format, how much): an export that could not be audited
// is never returned. Shared by the timeline exchange file and the FHIR Bundles.
import { randomUUID } from "node:crypto";
import { actorOf, authorize, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { writeTransaction } from "@/lib/db";
import { accessDenied, type WriteFailure } from "@/lib/write-result";

export interface ExportRecord {
  format: "fhir" | "timeline";
  scope: "patient" | "ward";
  targetId: string;
  patients: number;
  /** Resources in the Bundle, or facts in the exchange file. */
  resources: number;
}

/** The refusal when `user` may not read clinical records (audited by authorize), else null. */
export async function exportDenied(user: CurrentUser | null, site: string): Promise<WriteFailure | null> {
  const denial = await authorize(user, "clinical:view", site);
  return denial || !user ? accessDenied(denial) : null;
}

/** Records the export in its own committed transaction; returns the export's id (for the file name). */
export async function recordExport(user: CurrentUser, record: ExportRecord): Promise<string> {
  const exportId = randomUUID();
  await writeTransaction((tx) =>
    recordAudit(tx, actorOf(user), { action: "export.clinical_record", entityType: "export", entityId: exportId, after: record }),
  );
  return exportId;
}
