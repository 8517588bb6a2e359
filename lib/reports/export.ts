// The ward report's CSV export: authorize -> validate the filters -> read -> record the export (who,
// which ward and days, how many rows) in its own committed transaction -> only then hand over the
// file. An export that could not be audited is never returned.
import { randomUUID } from "node:crypto";
import { writeTransaction } from "@/lib/db";
import { authorize, actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { accessDenied, failed, succeeded, type WriteResult } from "@/lib/write-result";
import { loadWardReport, parseWardReportFilters } from "@/lib/reports/load";
import { wardReportCsv } from "@/lib/reports/csv";

export interface WardReportExport {
  exportId: string;
  filename: string;
  csv: string;
  rows: number;
}

export async function exportWardReport(
  user: CurrentUser | null,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  now: Date = new Date(),
): Promise<WriteResult<WardReportExport>> {
  const denial = await authorize(user, "ward-report:view", "GET /reports/export");
  if (denial) return accessDenied(denial);
  const parsed = await parseWardReportFilters(params, now);
  if (!parsed.ok) return failed("invalid", parsed.message);

  const { filters, timeZone } = parsed;
  const report = await loadWardReport(filters, timeZone, now);
  const { csv, rows } = wardReportCsv(report);
  const exportId = randomUUID();
  await writeTransaction((tx) =>
    recordAudit(tx, actorOf(user!), {
      action: "export.ward_report",
      entityType: "export",
      entityId: exportId,
      after: { wardId: filters.wardId, from: filters.from, to: filters.to, rows, timeZone },
    }),
  );
  return succeeded({ exportId, filename: `ward-report-${filters.wardId}-${filters.from}-${filters.to}.csv`, csv, rows });
}
