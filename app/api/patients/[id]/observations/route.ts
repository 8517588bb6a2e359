import { currentUser } from "@/lib/auth/guard";
import { withJsonBody } from "@/lib/http/respond";
import { recordObservation } from "@/lib/observations/record-observation";

/** Chart an observation (lib/observations/observation-input.ts) -> 201 { observationId, lineageId, version, grade, lateEntryChanges }. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withJsonBody(request, async (body) => recordObservation(await currentUser(), id, body), 201);
}
