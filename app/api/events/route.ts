// The live stream (lib/live): GET with `Accept: text/event-stream` (EventSource) streams one
// `change` event per committed clinical write, resuming after Last-Event-ID (or ?after=<id>, the
// id the page was rendered at). Any other GET answers the changes after that id as JSON at once,
// for clients without EventSource. Only patient ids, kinds and event ids: no clinical content.
import { requireApiAccess } from "@/lib/auth/guard";
import { changesAfter, parseEventId } from "@/lib/live/change-feed";
import { changeEventStream } from "@/lib/live/event-stream";

export const dynamic = "force-dynamic";

const JSON_PAGE = 500;

export async function GET(request: Request) {
  const access = await requireApiAccess("clinical:view", "GET /api/events");
  if (access.denied) return access.denied;
  const after =
    parseEventId(request.headers.get("last-event-id")) ?? parseEventId(new URL(request.url).searchParams.get("after"));

  if (!(request.headers.get("accept") ?? "").includes("text/event-stream")) {
    const events = await changesAfter(after ?? 0, JSON_PAGE);
    return Response.json({ events, more: events.length === JSON_PAGE });
  }
  return new Response(changeEventStream(after, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back until a buffer fills.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}
