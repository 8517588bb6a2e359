// The dosing-audit CSV export: authorize -> validate the filters -> read -> record the export
// (who, which filters, how many rows) in its own committed transaction -> only then hand over the
// file. An export that could not be audited is never returned.
import { randomUUID } from "node:crypto";
import { writeTransaction } from "@/lib/db";
import { authorize, actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { accessDenied, failed, succeeded, type WriteResult } from "@/lib/write-result";
import { dosingAudit, filtersToParams, parseDosingAuditFilters } from "@/lib/dosing-audit/report";
import { dosingAuditCsv } from "@/lib/dosing-audit/csv";
import { oversightTimeZone } from "@/lib/audit/ward-zone";

export interface DosingAuditExport {
  exportId: string;
  filename: string;
  csv: string;
  rows: number;
}

export async function exportDosingAudit(
  user: CurrentUser | null,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Promise<WriteResult<DosingAuditExport>> {
  // A read: authorize first, so nobody learns even which filters are valid.
  const denial = await authorize(user, "dosing-audit:view", "GET /audit/doses/export");
  if (denial) return accessDenied(denial);
  const parsed = parseDosingAuditFilters(params);
  if (!parsed.ok) {
    const first = parsed.fieldErrors[0];
    const message = first ? `${first.path}: ${first.message}` : "Some values need correcting";
    return failed("invalid", message, { fieldErrors: parsed.fieldErrors });
  }

  const timeZone = await oversightTimeZone();
  const { doses } = await dosingAudit(parsed.filters, { timeZone });
  const { csv, rows } = dosingAuditCsv(doses, timeZone);
  const exportId = randomUUID();
  await writeTransaction((tx) =>
    recordAudit(tx, actorOf(user!), {
      action: "export.dosing_audit",
      entityType: "export",
      entityId: exportId,
      after: { filters: filtersToParams(parsed.filters), rows, doses: doses.length, timeZone },
    }),
  );
  return succeeded({ exportId, filename: `dosing-audit-${exportId.slice(0, 8)}.csv`, csv, rows });
}
