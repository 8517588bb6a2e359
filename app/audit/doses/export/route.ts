// GET /audit/doses/export?patient=&drug=&from=&to=&flagged=1 -> CSV (audited before it is sent).
import { currentUser } from "@/lib/auth/guard";
import { exportDosingAudit } from "@/lib/dosing-audit/export";
import { httpStatusOf } from "@/lib/http/status";

export async function GET(request: Request) {
  const result = await exportDosingAudit(await currentUser(), new URL(request.url).searchParams);
  if (!result.ok) {
    return Response.json({ error: result.message, fieldErrors: result.fieldErrors ?? [] }, { status: httpStatusOf(result) });
  }
  return new Response(result.value.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.value.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
