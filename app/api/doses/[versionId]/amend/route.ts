import { currentUser } from "@/lib/auth/guard";
import { amendDose } from "@/lib/doses/amend-dose";
import { withJsonBody } from "@/lib/http/respond";

/** Amend a dose version: the full corrected dose plus { reason } -> 201; 409 when stale or the limits need confirming. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return withJsonBody(request, async (body) => amendDose(await currentUser(), versionId, body), 201);
}
