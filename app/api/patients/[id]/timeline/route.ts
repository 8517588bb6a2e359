import { requireApiAccess } from "@/lib/auth/guard";
import { handled } from "@/lib/http/respond";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";

/** The patient's current facts and the engine's grading of them at the time of the request. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled(async () => {
    const access = await requireApiAccess("clinical:view", "GET /api/patients/[id]/timeline");
    if (access.denied) return access.denied;
    const { id } = await params;
    const timeline = await loadPatientTimeline(id, new Date());
    if (!timeline) return Response.json({ error: "No such patient: the link may be out of date." }, { status: 404 });
    const { engineInput: _input, ...shown } = timeline;
    return Response.json(shown);
  });
}
