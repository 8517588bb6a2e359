// GET /reports/export?ward=&from=&to= -> CSV (audited before it is sent).
import { currentUser } from "@/lib/auth/guard";
import { exportWardReport } from "@/lib/reports/export";
import { httpStatusOf } from "@/lib/http/status";

export async function GET(request: Request) {
  const result = await exportWardReport(await currentUser(), new URL(request.url).searchParams);
  if (!result.ok) return Response.json({ error: result.message }, { status: httpStatusOf(result) });
  return new Response(result.value.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.value.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
