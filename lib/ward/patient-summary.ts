// The ward's patient list as the API returns it: one zod schema shared by the route handler
// (validated on the way out) and its tests.
import { z } from "zod";
import { db } from "@/lib/db";

export const patientSummarySchema = z.object({
  id: z.string(),
  mrn: z.string(),
  name: z.string(),
  bed: z.string(),
  wardId: z.string(),
  product: z.string(),
  therapy: z.enum(["car_t", "bispecific"]),
  infusionAt: z.iso.datetime(),
  weightKg: z.number(),
  status: z.enum(["active", "discharged"]),
});
export const patientListSchema = z.array(patientSummarySchema);
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export async function listPatients(options: { includeDischarged?: boolean } = {}): Promise<PatientSummary[]> {
  const rows = await db.patient.findMany({
    where: options.includeDischarged ? {} : { status: "active" },
    orderBy: [{ wardId: "asc" }, { bed: "asc" }],
  });
  return patientListSchema.parse(
    rows.map((p) => ({
      id: p.id,
      mrn: p.mrn,
      name: p.name,
      bed: p.bed,
      wardId: p.wardId,
      product: p.product,
      therapy: p.therapy,
      infusionAt: p.infusionAt.toISOString(),
      weightKg: p.weightKg,
      status: p.status,
    })),
  );
}
