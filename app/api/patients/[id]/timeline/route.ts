import { actorOf, requireApiAccess } from "@/lib/auth/guard";
import { recordRecordViewed } from "@/lib/audit/access";
import { handled } from "@/lib/http/respond";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";

/** The patient's current facts and the engine's grading of them at the time of the request. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled(async () => {
    const access = await requireApiAccess("clinical:view", "GET /api/patients/[id]/timeline");
    if (access.denied) return access.denied;
    const { id } = await params;
    // Reading the timeline is an audited access event (lib/audit/access.ts), written alongside the read.
    const [timeline] = await Promise.all([
      loadPatientTimeline(id, new Date()),
      recordRecordViewed(actorOf(access.user), id, "timeline_api"),
    ]);
    if (!timeline) return Response.json({ error: "No such patient: the link may be out of date." }, { status: 404 });
    const { engineInput: _input, ...shown } = timeline;
    return Response.json(shown);
  });
}
