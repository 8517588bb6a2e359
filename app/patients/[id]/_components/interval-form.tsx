"use client";
/**
 * The patient's own observation interval (OBS-FREQUENCY), set by a physician: stricter than the
 * rules only. The browser checks the server's schema first, so a looser value is refused with the
 * rule's interval named before anything is sent.
 */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { observationIntervalSchema, RULES_LOOSEST_INTERVAL_MINUTES } from "@/lib/patients/observation-interval-input";
import { SERVER_UNREACHABLE } from "@/app/_components/use-form-problems";
import { setObservationIntervalAction } from "../interval-actions";

export function IntervalForm({ patientId, version, current }: { patientId: string; version: number; current: number | null }) {
  const router = useRouter();
  const [minutes, setMinutes] = useState(current === null ? "" : String(current));
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const input = { expectedVersion: String(version), obsIntervalMinutes: minutes, reason };
    const parsed = observationIntervalSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path[0] === "reason" ? "The reason" : "The interval";
      setProblem(`Nothing was saved: ${field} ${issue.message}.`);
      return;
    }
    startTransition(async () => {
      try {
        const result = await setObservationIntervalAction(patientId, input);
        if (!result.ok) {
          const detail = result.fieldErrors?.map((error) => error.message).join("; ");
          setProblem(`Nothing was saved: ${result.message}${detail ? ` (${detail})` : ""}`);
          return;
        }
        setProblem(null);
        setReason("");
        router.refresh();
      } catch {
        setProblem(SERVER_UNREACHABLE);
      }
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Own observation interval">
      <h3>Own observation interval</h3>
      <p className="muted" data-testid="own-interval">
        {current === null
          ? "None: the rules' intervals apply."
          : `Vital signs at least every ${current} min (while stricter than the rules).`}{" "}
        Only shorter than {RULES_LOOSEST_INTERVAL_MINUTES} min; blank clears it.
      </p>
      {problem && (
        <p className="notice bad" role="alert">
          {problem}
        </p>
      )}
      <div className="form-grid">
        <label>
          Interval (min)
          <input inputMode="numeric" autoComplete="off" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <label>
          Reason (kept in the audit log)
          <input autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Set interval"}
        </button>
      </div>
    </form>
  );
}
