import { actorOf, requireApiAccess } from "@/lib/auth/guard";
import { recordRecordViewed } from "@/lib/audit/access";
import { handled } from "@/lib/http/respond";
import { inReadTurn } from "@/lib/http/read-turns";
import { loadPatientTimeline } from "@/lib/timeline/load-timeline";
import { timelineApiPage } from "@/lib/timeline/timeline-api-page";

/**
 * The patient's current facts and the engine's grading of them at the time of the request, with
 * the observations cut to one window and one page (`?window=24h|72h|episode|all`, default the
 * patient page's 24 h; `?page=1` the newest): a 30-day stay is thousands of graded sets. Every
 * page is a link in `page.newer` / `page.older`; `?window=all` pages through the whole stay.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // One read turn for the whole answer (lib/http/read-turns.ts): cutting the page and writing the
  // JSON are a third of it.
  return handled(() =>
    inReadTurn(async () => {
      const access = await requireApiAccess("clinical:view", "GET /api/patients/[id]/timeline");
      if (access.denied) return access.denied;
      const { id } = await params;
      const now = new Date();
      // Reading the timeline is an audited access event (lib/audit/access.ts), written alongside the read.
      const [timeline] = await Promise.all([
        loadPatientTimeline(id, now),
        recordRecordViewed(actorOf(access.user), id, "timeline_api"),
      ]);
      if (!timeline) return Response.json({ error: "No such patient: the link may be out of date." }, { status: 404 });
      const query = new URL(request.url).searchParams;
      return Response.json(
        timelineApiPage(
          timeline,
          { window: query.get("window"), page: query.get("page") },
          `/api/patients/${timeline.patient.id}/timeline`,
        ),
      );
    }),
  );
}
