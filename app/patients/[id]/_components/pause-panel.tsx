"use client";
/**
 * Pausing a patient's observations (OBS-PAUSE, CLINICAL-RULES.md section 9): off the ward for a scan,
 * theatre or a transfer, until a time on the ward's clock or open-ended; and resuming them, which
 * sets the next set due 60 minutes later. The 24 h escalation clock is not paused (the engine's rule).
 */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { CurrentPause } from "@/lib/ward/ward-tasks";
import { fromWardInputValue } from "@/lib/format/ward-input";
import { formatWardDateTime } from "@/lib/format/time";
import { displayText } from "@/lib/format/display-text";
import { SERVER_UNREACHABLE } from "@/app/_components/use-form-problems";
import { newSubmissionKey } from "@/app/_components/submission-key";
import { pauseObservationsAction, resumeObservationsAction } from "../pause-actions";

const PAUSE_REASONS = ["Scan", "Theatre", "Transfer", "Other"] as const;

export function PausePanel({
  patientId,
  pause,
  timeZone,
  children,
}: {
  patientId: string;
  pause: CurrentPause | null;
  timeZone: string;
  /** The physician's own-interval form, shown under the pause. */
  children?: React.ReactNode;
}) {
  const router = useRouter();
  const [choice, setChoice] = useState<(typeof PAUSE_REASONS)[number]>("Scan");
  const [details, setDetails] = useState("");
  const [until, setUntil] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);
  const [pending, startTransition] = useTransition();

  const send = (write: () => Promise<{ ok: true } | { ok: false; message: string }>) =>
    startTransition(async () => {
      try {
        const result = await write();
        if (!result.ok) {
          setProblem(`Nothing was saved: ${result.message}`);
          return;
        }
        setProblem(null);
        setDetails("");
        setUntil("");
        setSubmissionKey(newSubmissionKey());
        router.refresh();
      } catch {
        setProblem(SERVER_UNREACHABLE);
      }
    });

  const start = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const typed = details.trim();
    if (choice === "Other" && !typed) {
      setProblem("Nothing was saved: say why the observations are paused.");
      return;
    }
    const input: Record<string, string> = {
      idempotencyKey: submissionKey,
      from: new Date().toISOString(),
      reason: choice === "Other" ? typed : typed ? `${choice}: ${typed}` : choice,
    };
    if (until.trim()) {
      const instant = fromWardInputValue(until, timeZone);
      if (!instant.ok) {
        setProblem(`Nothing was saved: the end time ${instant.message}.`);
        return;
      }
      input.until = instant.iso;
    }
    send(() => pauseObservationsAction(patientId, input));
  };

  return (
    <section className="card" aria-labelledby="pause-title">
      <h2 id="pause-title">Observations paused</h2>
      {problem && (
        <p className="notice bad" role="alert">
          {problem}
        </p>
      )}
      {pause ? (
        <>
          <p data-testid="patient-paused">
            Paused {pause.until ? `until ${formatWardDateTime(pause.until, timeZone)}` : "(open-ended)"} (
            {displayText(pause.reason)}), since {formatWardDateTime(pause.from, timeZone)}.
          </p>
          <button
            type="button"
            disabled={pending}
            onClick={() => send(() => resumeObservationsAction(pause.versionId, { idempotencyKey: submissionKey }))}
          >
            {pending ? "Saving…" : "Resume observations"}
          </button>
        </>
      ) : (
        <form onSubmit={start} noValidate aria-label="Pause observations">
          <p className="muted">Not paused. Pausing stops the observation tasks, not the 24 h escalation clock.</p>
          <div className="form-grid">
            <label>
              Why
              <select value={choice} onChange={(e) => setChoice(e.target.value as (typeof PAUSE_REASONS)[number])}>
                {PAUSE_REASONS.map((reason) => (
                  <option key={reason}>{reason}</option>
                ))}
              </select>
            </label>
            <label>
              Details{choice === "Other" ? " (required)" : " (optional, e.g. MRI)"}
              <input value={details} maxLength={150} autoComplete="off" onChange={(e) => setDetails(e.target.value)} />
            </label>
            <label>
              Until (ward time, {timeZone}; empty: open-ended)
              <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Pause observations"}
            </button>
          </div>
        </form>
      )}
      {children}
    </section>
  );
}
