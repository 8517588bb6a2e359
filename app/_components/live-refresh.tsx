"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";

const QUIET_MS = 100;
const MIN_GAP_MS = 500;
const REOPEN_MS = 30_000;

/**
 * Re-renders the page's server components when a clinical write is committed on any instance
 * (the live stream, app/api/events), so a colleague's charting appears within about a second.
 * `after`: the newest change id read before the page read its data (`latestChangeId()`), so a
 * write committed while the page was rendering still triggers a refresh. `patientId`: only that
 * patient's changes matter (the patient page); absent, every change does (the ward board).
 * Bursts collapse into one refresh at most every half second. AutoRefresh stays the fallback.
 */
export function LiveRefresh({ after, patientId }: { after: number; patientId?: string }) {
  const router = useRouter();
  const lastSeen = useRef(after);
  useEffect(() => {
    let source: EventSource | null = null;
    let pending: number | null = null;
    let reopen: number | null = null;
    let lastRefresh = 0;
    const refresh = () => {
      pending = null;
      lastRefresh = Date.now();
      router.refresh();
    };
    const schedule = () => {
      if (pending !== null || document.visibilityState !== "visible") return;
      pending = window.setTimeout(refresh, Math.max(QUIET_MS, lastRefresh + MIN_GAP_MS - Date.now()));
    };
    const open = () => {
      // The browser resumes after its Last-Event-ID by itself; `after` covers a re-opened stream.
      source = new EventSource(`/api/events?after=${lastSeen.current}`);
      source.addEventListener("change", (message) => {
        const change = JSON.parse((message as MessageEvent<string>).data) as { id: number; patientId: string };
        lastSeen.current = Math.max(lastSeen.current, change.id);
        if (!patientId || change.patientId === patientId) schedule();
      });
      source.onerror = () => {
        // Refused (signed out) or the server is gone: the browser gives up; try again later.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopen = window.setTimeout(open, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      source?.close();
      if (pending !== null) window.clearTimeout(pending);
      if (reopen !== null) window.clearTimeout(reopen);
    };
  }, [router, patientId]);
  return null;
}
