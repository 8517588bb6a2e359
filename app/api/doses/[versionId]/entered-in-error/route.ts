import { currentUser } from "@/lib/auth/guard";
import { markDoseInError } from "@/lib/doses/mark-dose-in-error";
import { withJsonBody } from "@/lib/http/respond";

/** Mark a dose version entered in error: { reason, idempotencyKey? } -> 201 (the new version); 409 when stale. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return withJsonBody(request, async (body) => markDoseInError(await currentUser(), versionId, body), 201);
}
