import { db } from "@/lib/db";
import { displayText } from "@/lib/format/display-text";
import { formatWardDateTime } from "@/lib/format/time";
import { loadRecordHistory, type RecordField, type RecordValue } from "@/lib/patients/record-history";

const CHANGE: Record<string, string> = {
  admit: "Admitted",
  edit: "Edited",
  observation_interval: "Observation interval",
  discharge: "Discharged",
  backfill: "Record as it stood when its history began",
};

const LABEL: Record<RecordField, string> = {
  mrn: "MRN",
  name: "Name",
  birthDate: "Date of birth",
  sex: "Sex",
  wardId: "Ward",
  bed: "Bed",
  weightKg: "Admission weight",
  weightMeasuredAt: "Weighed at",
  product: "Product",
  therapy: "Therapy",
  infusionAt: "Infusion (day 0)",
  gradingSystem: "CRS grading system",
  antipyreticsMaskFever: "Antipyretics mask fever",
  tociMinIntervalHours: "Minimum tocilizumab interval",
  spo2Scale: "SpO2 scale (NEWS2)",
  obsIntervalMinutes: "Own observation interval",
  status: "Status",
  dischargedAt: "Discharged at",
};

/** The settings the engine grades with, listed for the first version (what every later change starts from). */
const SETTINGS: readonly RecordField[] = [
  "wardId",
  "bed",
  "antipyreticsMaskFever",
  "tociMinIntervalHours",
  "spo2Scale",
  "obsIntervalMinutes",
];

/**
 * Every version of the patient record, oldest first: who changed what, when and why. Open on the
 * edit page, folded on the chart.
 */
export async function RecordHistory({
  patientId,
  timeZone,
  open = false,
}: {
  patientId: string;
  timeZone: string;
  open?: boolean;
}) {
  const [history, wards] = await Promise.all([
    loadRecordHistory(patientId),
    db.ward.findMany({ select: { id: true, name: true } }),
  ]);
  if (history.length === 0) return null;
  const wardName = new Map(wards.map((ward) => [ward.id, ward.name]));
  const show = (field: RecordField, value: RecordValue): string => {
    if (value === null) return field === "obsIntervalMinutes" ? "none (the rules' cadence)" : "–";
    if (typeof value === "boolean") return value ? "yes" : "no";
    if (field === "wardId") return displayText(wardName.get(String(value)) ?? String(value));
    if (field === "weightMeasuredAt" || field === "infusionAt" || field === "dischargedAt") {
      return formatWardDateTime(String(value), timeZone);
    }
    if (field === "weightKg") return `${value} kg`;
    if (field === "tociMinIntervalHours") return `${value} h`;
    if (field === "spo2Scale") return `scale ${value}`;
    if (field === "obsIntervalMinutes") return `every ${value} min`;
    return displayText(String(value));
  };
  return (
    <section aria-labelledby="record-history-title">
      <h2 id="record-history-title">Record history</h2>
      <details className="history" open={open}>
        <summary>{history.length === 1 ? "1 version" : `${history.length} versions`}: who changed what, when and why</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">What changed</th>
              <th scope="col">Who, when</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((version) => (
              <tr key={version.version}>
                <td>
                  {version.version}: {CHANGE[version.change] ?? version.change}
                </td>
                <td>
                  <ul className="record-changes">
                    {version.changes.length > 0
                      ? version.changes.map((change) => (
                          <li key={change.field}>
                            {LABEL[change.field]}: {show(change.field, change.before)} → {show(change.field, change.after)}
                          </li>
                        ))
                      : SETTINGS.map((field) => (
                          <li key={field}>
                            {LABEL[field]}: {show(field, version.values[field])}
                          </li>
                        ))}
                  </ul>
                </td>
                <td>
                  {displayText(version.recordedByName ?? "–")}, {formatWardDateTime(version.recordedAt, timeZone)}
                </td>
                <td>{version.reason ? displayText(version.reason) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
