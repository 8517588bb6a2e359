import type { Timer } from "@/lib/engine";
import { formatWardTimeOrDate } from "@/lib/format/time";
import { TIMER_WORDS } from "@/lib/format/timers";
import { Countdown } from "./countdown";

/** One open timer: what it is, a live countdown, and the due time on the ward clock (with its date when not today). */
export function TimerLine({
  timer,
  timeZone,
  now,
  frozen = false,
}: {
  timer: Pick<Timer, "kind" | "dueAt">;
  timeZone: string;
  now: number;
  /** A replay: the countdown stays at the replayed moment. */
  frozen?: boolean;
}) {
  const words = TIMER_WORDS[timer.kind];
  return (
    <span className="timer-line">
      <span className="timer-name">{words.prefix}</span>{" "}
      <Countdown dueAt={timer.dueAt} serverNow={now} words={words} frozen={frozen} />{" "}
      <span className="muted">({formatWardTimeOrDate(timer.dueAt, timeZone, now)})</span>
    </span>
  );
}
