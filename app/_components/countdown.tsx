"use client";
import { useEffect, useState } from "react";
import { formatCountdown } from "@/lib/format/time";
import type { CountdownWords } from "@/lib/format/timers";

const TICK_MS = 30_000;

/**
 * A live countdown to a due time ("escalate in 3 h 20 min", "escalation OVERDUE 1 h 05 min").
 * The first render uses the server's `now` so server and browser HTML agree; then it ticks every
 * 30 s on the tablet's clock. Only the display ticks: whether a timer is overdue is still the
 * engine's answer, refreshed with the page. `frozen` (a replay): it stays at the replayed moment.
 */
export function Countdown({
  dueAt,
  serverNow,
  words,
  frozen = false,
}: {
  dueAt: string;
  serverNow: number;
  words: Omit<CountdownWords, "prefix">;
  frozen?: boolean;
}) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (frozen) return;
    const id = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(id);
  }, [frozen]);
  const { text, overdue } = formatCountdown(dueAt, now);
  if (overdue && words.dueText) return <span className="countdown due">{words.dueText}</span>;
  if (overdue) return <span className="countdown overdue">{`${words.overdue} ${text}`.trim()}</span>;
  return (
    <span className="countdown">
      {words.running} {text}
    </span>
  );
}
