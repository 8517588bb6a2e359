// The ward report as CSV through csv-stringify: one row per ward day (the sets) and one per day,
// task kind and role (the response times). Every value is a count, a code or a number of minutes:
// no free text, so nothing a spreadsheet could read as a formula.
import { stringify } from "csv-stringify/sync";
import type { WardReport } from "@/lib/reports/ward-report";

export const WARD_REPORT_COLUMNS = [
  "section",
  "ward_day",
  "on_time",
  "late",
  "late_minutes",
  "refused",
  "not_possible",
  "task_kind",
  "task_role",
  "raised",
  "acknowledged",
  "median_minutes",
  "p90_minutes",
] as const;

const minutes = (value: number | null) => (value === null ? "" : String(Math.round(value * 10) / 10));

export function wardReportRows(report: WardReport): string[][] {
  return [
    ...report.days.map((d) => [
      "sets",
      d.day,
      String(d.onTime),
      String(d.late),
      d.lateMinutes.join(" "),
      String(d.refused),
      String(d.notPossible),
      "",
      "",
      "",
      "",
      "",
      "",
    ]),
    ...report.tasks.map((t) => [
      "tasks",
      t.day,
      "",
      "",
      "",
      "",
      "",
      t.kind,
      t.role,
      String(t.raised),
      String(t.acknowledged),
      minutes(t.medianMinutes),
      minutes(t.p90Minutes),
    ]),
  ];
}

export function wardReportCsv(report: WardReport): { csv: string; rows: number } {
  const rows = wardReportRows(report);
  return { csv: stringify([[...WARD_REPORT_COLUMNS], ...rows], { record_delimiter: "windows" }), rows: rows.length };
}
