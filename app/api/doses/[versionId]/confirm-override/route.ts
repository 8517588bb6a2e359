import { currentUser } from "@/lib/auth/guard";
import { confirmDoseOverride } from "@/lib/doses/confirm-dose-override";
import { withJsonBody } from "@/lib/http/respond";

/** A physician confirms a dose's tocilizumab limit flags: { flags, reason, idempotencyKey? } -> 201 (the confirmation record). */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  return withJsonBody(request, async (body) => confirmDoseOverride(await currentUser(), versionId, body), 201);
}
