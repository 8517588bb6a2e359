import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser, requirePageAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { loadWardBoard } from "@/lib/ward/ward-board";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { LiveRefresh } from "@/app/_components/live-refresh";
import { latestChangeId } from "@/lib/live/change-feed";
import { WardBoardTable } from "@/app/_components/ward-board-table";
import { BoardReplay, ReplayMomentForm } from "@/app/_components/board-replay";
import { oversightTimeZone } from "@/lib/audit/ward-zone";

export const dynamic = "force-dynamic";

/** `?asOf=`: the board as it stood at that moment (a replay, app/_components/board-replay.tsx). */
export default async function WardBoardPage({ searchParams }: { searchParams: Promise<{ asOf?: string | string[] }> }) {
  // The start page: an administrator (who sees no patients) lands on the users page instead.
  const signedIn = await currentUser();
  if (signedIn && !can(signedIn.role, "clinical:view") && can(signedIn.role, "users:manage")) redirect("/admin/users");
  const user = await requirePageAccess("clinical:view");
  const { asOf } = await searchParams;
  if (typeof asOf === "string") return <BoardReplay user={user} asOf={asOf} timeZone={await oversightTimeZone()} />;
  const now = new Date();
  const liveAfter = await latestChangeId(); // before the read: a write during it still refreshes
  const [rows, timeZone] = await Promise.all([loadWardBoard(now), oversightTimeZone()]);
  return (
    <>
      <AutoRefresh />
      <LiveRefresh after={liveAfter} />
      <div className="page-head">
        <h1>Ward board</h1>
        <div className="actions">
          {can(user.role, "patient:manage") && (
            <Link className="button" href="/patients/new">
              Admit a patient
            </Link>
          )}
          <Link className="button secondary" href="/handoff">
            Handoff sheets
          </Link>
        </div>
      </div>
      <WardBoardTable rows={rows} now={now.getTime()} />
      <ReplayMomentForm timeZone={timeZone} />
    </>
  );
}
