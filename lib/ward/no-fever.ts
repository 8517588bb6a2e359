// ALERT-NO-FEVER on the ward board (CLINICAL-RULES.md section 6, rev 2: "a deterioration signal,
// not a footnote"). The engine raises it per set; the board shows one line per patient.
import type { Alert, GradedObservation } from "@/lib/engine";

const DAY_MS = 24 * 3_600_000;

export interface NoFeverOnBoard {
  /** The engine's text, rule ID included. */
  text: string;
  at: string;
  /**
   * true: the latest charted set (or one at the same instant, TIE) raised it, so it describes the
   * patient now; false: an earlier set in the last 24 h did, and the latest set did not.
   */
  current: boolean;
}

/**
 * The alert of the latest charted set when it has one; otherwise the latest raised in the 24 h
 * before `now`, marked as earlier (a hypotension that settled still asked someone to review other
 * causes today); otherwise null.
 */
export function noFeverOnBoard(
  graded: { observations: readonly Pick<GradedObservation, "at" | "status">[]; alerts: readonly Alert[] },
  now: Date,
): NoFeverOnBoard | null {
  const alerts = graded.alerts.filter((alert) => alert.rule === "ALERT-NO-FEVER" && Date.parse(alert.at) <= now.getTime());
  if (alerts.length === 0) return null;
  let latestChartedMs = -Infinity;
  for (const observation of graded.observations) {
    if (observation.status !== "charted") continue;
    latestChartedMs = Math.max(latestChartedMs, Date.parse(observation.at));
  }
  let latest: Alert | null = null;
  for (const alert of alerts) if (!latest || Date.parse(alert.at) > Date.parse(latest.at)) latest = alert;
  if (!latest) return null;
  const atMs = Date.parse(latest.at);
  if (atMs >= latestChartedMs) return { text: latest.text, at: latest.at, current: true };
  if (atMs > now.getTime() - DAY_MS) return { text: latest.text, at: latest.at, current: false };
  return null;
}
