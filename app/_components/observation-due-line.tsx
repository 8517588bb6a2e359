"use client";
import { useEffect, useState } from "react";
import { DUE_LEVEL_CLASS, dueLevel } from "@/lib/format/due";
import { formatDuration, formatWardTimeOrDate } from "@/lib/format/time";
import { TIMER_WORDS } from "@/lib/format/timers";

const TICK_MS = 30_000;
const LEVEL_LABEL = { due_soon: "Due soon", overdue: "Overdue", long_overdue: "Long overdue" } as const;

/**
 * Vital signs or an ICE score due, read by how late (lib/format/due.ts): "Vital signs due in 2 h 10 min
 * (14:20)", "[Due soon] Vital signs in 10 min", "[Overdue] Vital signs 12 min late", "[Long overdue]
 * Vital signs 2 d 3 h late (due 1 Mar 14:20)": a colour AND its words. Ticks every 30 s from the
 * server's `now` on first render, so server and browser HTML agree. `frozen` (a replay): no ticking.
 */
export function ObservationDueLine({
  kind,
  dueAt,
  serverNow,
  timeZone,
  frozen = false,
}: {
  kind: "OBS_DUE" | "ICE_DUE";
  dueAt: string;
  serverNow: number;
  timeZone: string;
  frozen?: boolean;
}) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (frozen) return;
    const id = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(id);
  }, [frozen]);
  const what = TIMER_WORDS[kind].prefix;
  const level = dueLevel(dueAt, now);
  const left = Date.parse(dueAt) - now;
  const at = formatWardTimeOrDate(dueAt, timeZone, now);
  if (level === "not_due") {
    return (
      <span className="timer-line">
        <span className="timer-name">{what}</span> <span className="countdown">due in {formatDuration(left)}</span>{" "}
        <span className="muted">({at})</span>
      </span>
    );
  }
  return (
    <span className="timer-line">
      <span className={DUE_LEVEL_CLASS[level]}>{LEVEL_LABEL[level]}</span> <span className="timer-name">{what}</span>{" "}
      <span className="countdown">{left > 0 ? `in ${formatDuration(left)}` : `${formatDuration(-left)} late`}</span>{" "}
      <span className="muted">(due {at})</span>
    </span>
  );
}
