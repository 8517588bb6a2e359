// GET -> the signed-in user's late tasks (lib/ward/late-tasks.ts), for the banner on every page. Never cached.
import { requireApiAccess } from "@/lib/auth/guard";
import { lateTasksFor } from "@/lib/ward/late-tasks";

export const dynamic = "force-dynamic";

export async function GET() {
  const access = await requireApiAccess("clinical:view", "GET /api/tasks/late");
  if (access.denied) return access.denied;
  const now = new Date();
  const tasks = await lateTasksFor(access.user.role, now);
  return Response.json({ now: now.toISOString(), tasks }, { headers: { "Cache-Control": "no-store" } });
}
