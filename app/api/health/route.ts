// GET /api/health: for load balancers and monitors, no sign-in needed. 200 when the database
// answers a trivial query, 503 when it does not; the store's kind, never any patient data.
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
