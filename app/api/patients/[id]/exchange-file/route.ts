// GET -> the patient's timeline as the engine's exchange file (docs/EXCHANGE-FORMAT.md), audited as an export.
import { currentUser } from "@/lib/auth/guard";
import { exportTimelineFile } from "@/lib/exchange-file/export-timeline-file";
import { handled, respond } from "@/lib/http/respond";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled(async () => {
    const { id } = await params;
    const result = await exportTimelineFile(await currentUser(), id, new Date());
    if (!result.ok) return respond(result);
    return new Response(result.value.json, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${result.value.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
