import { currentUser } from "@/lib/auth/guard";
import { previewDose } from "@/lib/doses/preview-dose";
import { withJsonBody } from "@/lib/http/respond";

/** What a dose would do before it is charted: flags, reasons, dose number, next eligible time, calculation. Stores nothing. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withJsonBody(request, async (body) => previewDose(await currentUser(), id, body));
}
