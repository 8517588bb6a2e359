"use client";
/**
 * "Told, not just shown" (section 8): while a task for the signed-in role is late, every page shows
 * this banner, and the browser notification (permission asked once) and a short beep come again at
 * each notifyAgainAt. "Mute 15 min" silences the notification and the sound (not the banner) on this
 * browser. Fed by /api/tasks/late, fetched on load, every 30 s and on every live change.
 * On a replay (a past moment, read-only) it stays, since these tasks are late now, but is marked
 * "now" and stays silent: a replay must not sound like the live ward. What is not told there is
 * told on the next live page.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { formatDuration } from "@/lib/format/time";
import type { LateTask } from "@/lib/ward/late-tasks";

const POLL_MS = 30_000;
const MUTE_MS = 15 * 60_000;
const MUTE_KEY = "crs-watch.late-tasks.muted-until";
const ASKED_KEY = "crs-watch.notifications.asked";

function mutedUntil(): number {
  return Number(window.localStorage.getItem(MUTE_KEY)) || 0;
}

/** A short beep made in the browser (WebAudio): no sound file to fetch. */
function beep(): void {
  const Context = window.AudioContext;
  if (!Context) return;
  const audio = new Context();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 880;
  gain.gain.value = 0.2;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.3);
  tone.onended = () => void audio.close();
}

/** A replay page: a patient's chart (/patients/…/replay) or the board (/?asOf=…) as it stood at a past moment. */
export function isReplayPage(pathname: string, search: { has(name: string): boolean }): boolean {
  return pathname.endsWith("/replay") || (pathname === "/" && search.has("asOf"));
}

export function LateTaskBanner() {
  const replaying = isReplayPage(usePathname(), useSearchParams());
  const silent = useRef(replaying);
  useEffect(() => {
    silent.current = replaying;
  }, [replaying]);
  const [tasks, setTasks] = useState<LateTask[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const [muted, setMuted] = useState(0);
  /** Per task, the notifyAgainAt (or "first") already told: each is told once. */
  const told = useRef(new Map<string, string>());

  const tell = useCallback((late: LateTask[]) => {
    if (silent.current) return;
    const fresh = late.filter((task) => told.current.get(task.id) !== (task.notifyAgainAt ?? "first"));
    for (const task of late) told.current.set(task.id, task.notifyAgainAt ?? "first");
    if (fresh.length === 0 || mutedUntil() > Date.now()) return;
    beep();
    if ("Notification" in window && Notification.permission === "granted") {
      const first = fresh[0]!;
      new Notification(`Late: ${first.label}`, {
        body: `${first.patientName}, bed ${first.bed}${fresh.length > 1 ? ` and ${fresh.length - 1} more` : ""}`,
        tag: "crs-watch-late-tasks",
      });
    }
  }, []);

  const load = useCallback(async () => {
    try {
      const response = await fetch("/api/tasks/late", { cache: "no-store" });
      if (!response.ok) return;
      const body = (await response.json()) as { tasks: LateTask[] };
      setTasks(body.tasks);
      setMuted(mutedUntil());
      setNow(Date.now());
      tell(body.tasks);
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  }, [tell]);

  useEffect(() => {
    // The first read in a callback too: its state updates land after the fetch, never in the effect itself.
    const first = window.setTimeout(() => void load(), 0);
    const poll = window.setInterval(() => void load(), POLL_MS);
    const source = new EventSource("/api/events");
    source.addEventListener("change", () => void load());
    return () => {
      window.clearTimeout(first);
      window.clearInterval(poll);
      source.close();
    };
  }, [load]);

  // Ask for the notification permission once, the first time there is something to tell.
  useEffect(() => {
    if (tasks.length === 0 || !("Notification" in window) || Notification.permission !== "default") return;
    if (window.localStorage.getItem(ASKED_KEY)) return;
    window.localStorage.setItem(ASKED_KEY, "1");
    void Notification.requestPermission();
  }, [tasks.length]);

  // Re-tell at the soonest notifyAgainAt.
  useEffect(() => {
    const next = Math.min(...tasks.map((task) => (task.notifyAgainAt ? Date.parse(task.notifyAgainAt) : Infinity)));
    if (!Number.isFinite(next)) return;
    const timer = window.setTimeout(() => void load(), Math.max(1_000, next - Date.now() + 500));
    return () => window.clearTimeout(timer);
  }, [tasks, load]);

  if (tasks.length === 0) return null;
  const mute = () => {
    const until = Date.now() + MUTE_MS;
    window.localStorage.setItem(MUTE_KEY, String(until));
    setMuted(until);
  };
  const isMuted = muted > now;
  return (
    <div className="notice bad late-banner" role="alert" data-testid="late-task-banner">
      <strong>
        {replaying ? "Now, outside this replay: " : ""}
        {tasks.length} late {tasks.length === 1 ? "task" : "tasks"} for you:
      </strong>{" "}
      {tasks.slice(0, 3).map((task, i) => (
        <span key={task.id}>
          {i > 0 && "; "}
          <Link href={`/patients/${task.patientId}#tasks`}>
            {task.label}, {task.patientName} (bed {task.bed})
          </Link>{" "}
          late {formatDuration(now - Date.parse(task.respondBy))}
        </span>
      ))}
      {tasks.length > 3 && (
        <>
          {" "}
          · <Link href="/tasks">{tasks.length - 3} more</Link>
        </>
      )}{" "}
      {isMuted ? (
        <span className="muted">Sound and notifications muted for {formatDuration(muted - now)}.</span>
      ) : (
        <button type="button" className="secondary" onClick={mute}>
          Mute 15 min
        </button>
      )}
    </div>
  );
}
