import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/authorize";
import { formatWardTimeWithZone } from "@/lib/format/time";
import { fromWardInputValue, toWardInputValue } from "@/lib/format/ward-input";
import { loadBoardReplay } from "@/lib/replay/replay-board";
import { WardBoardTable } from "./ward-board-table";

/** "2026-03-01T14:30": a time typed on the ward's clock; anything with a zone is an instant (links from the dosing audit). */
const WARD_WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The instant `?asOf=` names, or the message to show beside the field. */
export function replayInstant(asOf: string, timeZone: string): { ok: true; iso: string } | { ok: false; message: string } {
  if (!WARD_WALL_TIME.test(asOf.trim())) return { ok: true, iso: asOf.trim() };
  const typed = fromWardInputValue(asOf, timeZone);
  // The night the clocks go back, the first of the two moments; the banner names the zone offset it took.
  return typed.ok ? { ok: true, iso: typed.iso } : { ok: false, message: `The moment ${typed.message}` };
}

/**
 * "Replay a past moment": a time on the ward's clock, typed (datetime-local, keyboard first) and sent
 * as `?asOf=`. On the live board and on the replay, to move to another moment.
 */
export function ReplayMomentForm({ timeZone, value }: { timeZone: string; value?: string }) {
  return (
    <form method="get" action="/" className="replay-moment" aria-label="Replay the board at a past moment">
      <label htmlFor="board-as-of">Replay the board at (ward time, {timeZone})</label>{" "}
      <input id="board-as-of" name="asOf" type="datetime-local" required defaultValue={value ?? ""} />{" "}
      <button type="submit" className="secondary">
        Replay
      </button>
    </form>
  );
}

/**
 * The ward board as it stood at a past moment (CLINICAL-RULES ASOF, lib/replay/replay-board.ts):
 * marked as a replay, read-only (no charting, answering or admitting), no live refresh, audited.
 */
export async function BoardReplay({ user, asOf, timeZone }: { user: CurrentUser; asOf: string; timeZone: string }) {
  const instant = replayInstant(asOf, timeZone);
  const replay = instant.ok ? await loadBoardReplay(user, instant.iso) : null;
  const problem = !instant.ok ? instant.message : replay && !replay.ok ? replay.message : null;
  return (
    <>
      <div className="page-head">
        <h1>Ward board: replay of a past moment</h1>
        <div className="actions">
          <Link className="button" href="/">
            Back to the live board
          </Link>
        </div>
      </div>
      <ReplayMomentForm timeZone={timeZone} value={replay?.ok ? toWardInputValue(replay.value.asOf, timeZone) : asOf} />
      {problem && (
        <p className="notice bad" role="alert">
          {problem}
        </p>
      )}
      {replay?.ok && (
        <>
          <p className="notice warn replay-banner" role="status" data-testid="board-replay-banner">
            <strong>Replay, read-only:</strong> the ward board as it stood at{" "}
            <time dateTime={replay.value.asOf}>{formatWardTimeWithZone(replay.value.asOf, timeZone)}</time> ({timeZone}). Only
            what had been recorded by then, graded as of then; nothing can be charted or answered here and nothing updates.
          </p>
          <WardBoardTable rows={replay.value.rows} now={Date.parse(replay.value.asOf)} replay />
        </>
      )}
    </>
  );
}
