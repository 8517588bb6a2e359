// Reading is an auditable event (ONC 170.315(d)(2) "access"): opening a patient's chart or
// handoff, the timeline API, the ward handoff, the dosing audit and the audit log each write who
// read what and when. One insert (lib/db.ts writeSingle), started alongside the page's own reads
// so it adds no round trip after them; the ward board is not a chart read and writes nothing.
import { writeSingle } from "@/lib/db";
import { recordAudit, type AuditActor, type RECORD_VIEWS, type REPORT_IDS } from "@/lib/audit/events";

export type RecordView = (typeof RECORD_VIEWS)[number];
export type ReportId = (typeof REPORT_IDS)[number];

export function recordRecordViewed(actor: AuditActor, patientId: string, view: RecordView): Promise<void> {
  return writeSingle((client) =>
    recordAudit(client, actor, { action: "record.viewed", entityType: "patient", entityId: patientId, after: { view } }),
  );
}

export function recordReportViewed(actor: AuditActor, report: ReportId, filters?: Record<string, string>): Promise<void> {
  const given = Object.fromEntries(Object.entries(filters ?? {}).filter(([, value]) => value !== ""));
  return writeSingle((client) =>
    recordAudit(client, actor, {
      action: "report.viewed",
      entityType: "report",
      entityId: report,
      after: Object.keys(given).length ? { filters: given } : {},
    }),
  );
}
