import { currentUser } from "@/lib/auth/guard";
import { withJsonBody } from "@/lib/http/respond";
import { amendObservation } from "@/lib/observations/amend-observation";

/** Amend an observation version: the full corrected observation plus { reason } -> 201 (the new version); 409 when stale. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return withJsonBody(request, async (body) => amendObservation(await currentUser(), versionId, body), 201);
}
