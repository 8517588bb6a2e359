import { currentUser } from "@/lib/auth/guard";
import { recordDose } from "@/lib/doses/record-dose";
import { withJsonBody } from "@/lib/http/respond";

/** Chart a dose given (lib/doses/dose-input.ts) -> 201; 409 with `conflict` when the limits differ from those confirmed. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withJsonBody(request, async (body) => recordDose(await currentUser(), id, body), 201);
}
