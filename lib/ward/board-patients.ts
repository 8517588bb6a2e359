// The patients a board shows, read with what their rows show and the engine grades. The live board
// reads them in three queries that name the patients by a filter (lib/facts/patient-set.ts): a
// nested relation select makes Prisma query the related rows by the list of the patients' ids,
// which cost 7 ms each for the weights and the ward at 209 patients (SQLite).
import type { Tx } from "@/lib/db";
import { gradingPatientColumns, gradingPatientRecordColumns, type GradingPatient } from "@/lib/facts/grading-patient";
import { activePatientWhere, rowsOf, type ActivePatients } from "@/lib/facts/patient-set";
import { weightVersionColumns, type WeightVersion } from "@/lib/facts/weights";
import { countActivePatientsFacts, NO_FACTS, type FactCounter, type FactCounts } from "@/lib/timeline/fact-cache";

const boardRecordColumns = {
  mrn: true,
  name: true,
  bed: true,
  wardId: true,
  product: true,
  therapy: true,
  infusionAt: true,
  status: true,
} as const;

/** The patient columns a board row shows and the engine grades, as one nested select (the board replay). */
export const boardPatientColumns = {
  ...gradingPatientColumns,
  ...boardRecordColumns,
  ward: { select: { timeZone: true } },
} as const;

export type BoardPatient = GradingPatient & {
  mrn: string;
  name: string;
  bed: string;
  wardId: string;
  product: string;
  therapy: string;
  infusionAt: Date;
  status: string;
  ward: { timeZone: string };
};

/** The active patients (of one ward, when given) as `boardPatientColumns` reads them, with their fact counts. */
export async function loadActiveBoardPatients(
  client: Pick<Tx, "patient" | "patientWeight" | "ward"> & FactCounter,
  onBoard: ActivePatients,
): Promise<(BoardPatient & { counted: FactCounts })[]> {
  const [records, weights, wards, counts] = await Promise.all([
    client.patient.findMany({
      where: activePatientWhere(onBoard),
      select: { ...gradingPatientRecordColumns, ...boardRecordColumns },
    }),
    client.patientWeight.findMany({ where: rowsOf(onBoard), select: weightVersionColumns }),
    client.ward.findMany({ select: { id: true, timeZone: true } }),
    countActivePatientsFacts(client, onBoard),
  ]);
  const weightsOf = new Map<string, WeightVersion[]>();
  for (const weight of weights) weightsOf.set(weight.patientId, [...(weightsOf.get(weight.patientId) ?? []), weight]);
  const timeZoneOf = new Map(wards.map((ward) => [ward.id, ward.timeZone]));
  return records.map((record) => ({
    ...record,
    weights: weightsOf.get(record.id) ?? [],
    ward: { timeZone: timeZoneOf.get(record.wardId)! },
    counted: counts.get(record.id) ?? NO_FACTS,
  }));
}
