import { currentUser } from "@/lib/auth/guard";
import { recordWeight } from "@/lib/weights/record-weight";
import { withJsonBody } from "@/lib/http/respond";

/** Chart a measured weight (lib/weights/weight-input.ts): { measuredAt, kg, idempotencyKey? } -> 201. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withJsonBody(request, async (body) => recordWeight(await currentUser(), id, body), 201);
}
