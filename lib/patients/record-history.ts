// The history of a patient record, oldest first: each version (admission, edit, interval change,
// discharge) with who recorded it, when, why, and which fields it changed from what to what. Read
// from the append-only PatientVersion table, so what an auditor sees is what was stored then.
import { db } from "@/lib/db";
import { patientVersionColumns } from "@/lib/facts/patient-as-of";

/** The fields a version can change, in the order the record shows them. */
export const RECORD_FIELDS = [
  "mrn",
  "name",
  "birthDate",
  "sex",
  "wardId",
  "bed",
  "weightKg",
  "weightMeasuredAt",
  "product",
  "therapy",
  "infusionAt",
  "gradingSystem",
  "antipyreticsMaskFever",
  "tociMinIntervalHours",
  "spo2Scale",
  "obsIntervalMinutes",
  "status",
  "dischargedAt",
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** A stored value as the history carries it: instants as ISO strings. */
export type RecordValue = string | number | boolean | null;

export interface RecordChange {
  field: RecordField;
  before: RecordValue;
  after: RecordValue;
}

export interface RecordVersion {
  version: number;
  change: string;
  reason: string | null;
  recordedAt: string;
  recordedByName: string | null;
  /** Every field of this version (the whole record as it then stood). */
  values: Record<RecordField, RecordValue>;
  /** What differs from the version before; empty for the first. */
  changes: RecordChange[];
}

const plain = (value: unknown): RecordValue => (value instanceof Date ? value.toISOString() : (value as RecordValue));

export async function loadRecordHistory(patientId: string): Promise<RecordVersion[]> {
  const rows = await db.patientVersion.findMany({
    where: { patientId },
    select: {
      ...patientVersionColumns,
      change: true,
      reason: true,
      recordedAt: true,
      recordedBy: { select: { displayName: true } },
    },
    orderBy: { version: "asc" },
  });
  const history: RecordVersion[] = [];
  for (const row of rows) {
    const values = Object.fromEntries(RECORD_FIELDS.map((field) => [field, plain(row[field])])) as Record<
      RecordField,
      RecordValue
    >;
    const previous = history.at(-1)?.values;
    history.push({
      version: row.version,
      change: row.change,
      reason: row.reason,
      recordedAt: row.recordedAt.toISOString(),
      recordedByName: row.recordedBy?.displayName ?? null,
      values,
      changes: previous
        ? RECORD_FIELDS.filter((field) => previous[field] !== values[field]).map((field) => ({
            field,
            before: previous[field],
            after: values[field],
          }))
        : [],
    });
  }
  return history;
}
