import { currentUser } from "@/lib/auth/guard";
import { withJsonBody } from "@/lib/http/respond";
import { editPatient } from "@/lib/patients/edit-patient";

/** Edit the patient: the full patient form plus { expectedVersion, reason } -> 200 { id, version }. */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withJsonBody(request, async (body) => editPatient(await currentUser(), id, body));
}
