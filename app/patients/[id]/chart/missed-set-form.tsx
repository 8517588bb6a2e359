"use client";
/**
 * A set that was not taken (OBS-STATUS): "refused" or "not possible" with a reason, in two
 * keystrokes. R (or N) anywhere outside a text field (or in an empty number field) opens the reason picker with the usual reason
 * chosen; Enter records it, timed now. It restarts the observation clock; no values are stored.
 */
import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import {
  MISSED_SET_LABELS,
  MISSED_SET_REASONS,
  missedSetReason,
  OTHER_REASON,
  type MissedSetStatus,
} from "@/lib/format/missed-set";
import { formatWardDateTime } from "@/lib/format/time";
import { SERVER_UNREACHABLE } from "@/app/_components/use-form-problems";
import { newSubmissionKey } from "@/app/_components/submission-key";
import { useStartedInBrowser } from "@/app/_components/use-started-in-browser";
import { chartMissedSet } from "./actions";

const SHORTCUTS: Record<string, MissedSetStatus> = { r: "refused", n: "not_possible" };

/**
 * Typing in a field must never trigger a shortcut. An empty number field (the form opens on the
 * temperature) is the exception: no value starts with R or N, and the bedside nurse should not have
 * to leave it first.
 */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement && /^(decimal|numeric)$/.test(target.inputMode) && target.value === "") return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

export function MissedSetForm({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const [status, setStatus] = useState<MissedSetStatus | null>(null);
  const [choice, setChoice] = useState("");
  const [details, setDetails] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ status: MissedSetStatus; reason: string; at: string } | null>(null);
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);
  const [pending, startTransition] = useTransition();
  // R and N work only once this page runs in the browser: until then the buttons say so by being disabled.
  const keysReady = useStartedInBrowser();
  const picker = useRef<HTMLSelectElement>(null);
  const savedHeading = useRef<HTMLHeadingElement>(null);

  const open = (next: MissedSetStatus) => {
    setStatus(next);
    setChoice(MISSED_SET_REASONS[next][0]!);
    setProblem(null);
    setSaved(null);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const next = SHORTCUTS[event.key.toLowerCase()];
      if (!next) return;
      event.preventDefault();
      open(next);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    if (status) picker.current?.focus();
  }, [status]);
  useEffect(() => {
    if (saved) savedHeading.current?.focus();
  }, [saved]);

  const submit = (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    if (!status || pending) return;
    const reason = missedSetReason(choice, details);
    if (!reason.ok) {
      setProblem(`Nothing was saved: the details ${reason.message}.`);
      return;
    }
    const at = new Date().toISOString();
    startTransition(async () => {
      try {
        const result = await chartMissedSet(patientId, {
          idempotencyKey: submissionKey,
          effectiveAt: at,
          setStatus: status,
          statusReason: reason.reason,
        });
        if (!result.ok) {
          setProblem(`Nothing was saved: ${result.message}`);
          return;
        }
        setSaved({ status, reason: reason.reason, at });
        setStatus(null);
        setDetails("");
        setSubmissionKey(newSubmissionKey());
      } catch {
        setProblem(SERVER_UNREACHABLE);
      }
    });
  };

  return (
    <section className="card" aria-labelledby="missed-set-title">
      <h2 id="missed-set-title">Set not taken</h2>
      {saved && (
        <div className="notice ok" role="status">
          <h3 tabIndex={-1} ref={savedHeading}>
            {MISSED_SET_LABELS[saved.status]} recorded at {formatWardDateTime(saved.at, timeZone)}: {saved.reason}
          </h3>
          <p>
            The observation clock restarts from this time. <Link href={`/patients/${patientId}`}>Open the timeline</Link>
          </p>
        </div>
      )}
      <div className="form-actions">
        {(Object.keys(SHORTCUTS) as (keyof typeof SHORTCUTS)[]).map((key) => {
          const value = SHORTCUTS[key]!;
          return (
            <button
              key={key}
              type="button"
              className="secondary"
              aria-keyshortcuts={key.toUpperCase()}
              aria-pressed={status === value}
              disabled={!keysReady}
              onClick={() => open(value)}
            >
              {MISSED_SET_LABELS[value]} <kbd>{key.toUpperCase()}</kbd>
            </button>
          );
        })}
      </div>
      {status && (
        <form onSubmit={submit} noValidate aria-label={`Record a set ${MISSED_SET_LABELS[status].toLowerCase()}`}>
          {problem && (
            <p className="notice bad" role="alert">
              {problem}
            </p>
          )}
          <div className="form-grid">
            <label>
              Why {status === "refused" ? "refused" : "not possible"} (Enter records it)
              <select
                ref={picker}
                value={choice}
                onChange={(e) => setChoice(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") submit(e);
                  if (e.key === "Escape") setStatus(null);
                }}
              >
                {MISSED_SET_REASONS[status].map((reason) => (
                  <option key={reason} value={reason}>
                    {reason}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Details{choice === OTHER_REASON ? " (required)" : " (optional)"}
              <input value={details} maxLength={150} autoComplete="off" onChange={(e) => setDetails(e.target.value)} />
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={pending}>
              {pending ? "Saving…" : `Record ${MISSED_SET_LABELS[status].toLowerCase()}`}
            </button>
            <button type="button" className="secondary" onClick={() => setStatus(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
