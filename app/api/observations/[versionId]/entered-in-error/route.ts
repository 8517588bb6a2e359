import { currentUser } from "@/lib/auth/guard";
import { withJsonBody } from "@/lib/http/respond";
import { markObservationInError } from "@/lib/observations/mark-observation-in-error";

/** Mark an observation version entered in error: { reason, idempotencyKey? } -> 201 (the new version); 409 when stale. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return withJsonBody(request, async (body) => markObservationInError(await currentUser(), versionId, body), 201);
}
