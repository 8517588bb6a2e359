import { currentUser, requireApiAccess } from "@/lib/auth/guard";
import { withJsonBody } from "@/lib/http/respond";
import { admitPatient } from "@/lib/patients/admit-patient";
import { listPatients, patientListSchema } from "@/lib/ward/patient-summary";

export async function GET(request: Request) {
  const access = await requireApiAccess("clinical:view", "GET /api/patients");
  if (access.denied) return access.denied;
  const includeDischarged = new URL(request.url).searchParams.get("include") === "discharged";
  // Validated on the way out: the API never returns a shape its schema does not promise.
  return Response.json({ patients: patientListSchema.parse(await listPatients({ includeDischarged })) });
}

/** Admit a patient: 201 { id }. */
export async function POST(request: Request) {
  return withJsonBody(request, async (body) => admitPatient(await currentUser(), body), 201);
}
