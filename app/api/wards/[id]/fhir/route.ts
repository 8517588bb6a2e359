// GET -> the ward's active patients' records as one FHIR R4 Bundle (audited as an export before it is sent).
import { currentUser } from "@/lib/auth/guard";
import { exportWardBundle } from "@/lib/fhir/export-bundle";
import { handled, respond } from "@/lib/http/respond";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled(async () => {
    const { id } = await params;
    const result = await exportWardBundle(await currentUser(), id, new Date());
    if (!result.ok) return respond(result);
    return new Response(JSON.stringify(result.value.bundle, null, 2), {
      headers: {
        "Content-Type": "application/fhir+json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${result.value.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
