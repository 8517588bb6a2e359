"use client";
/** Discharge archives the patient (never deletes): the record and every fact stay; a reason is required. */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { dischargePatientAction } from "../../actions";

export function DischargeForm({ patientId, version, name }: { patientId: string; version: number; name: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setError("Reason is required: say why the patient is being discharged");
      return;
    }
    startTransition(async () => {
      try {
        const result = await dischargePatientAction(patientId, { expectedVersion: version, reason });
        if (result.ok) router.push(`/patients/${patientId}`);
        else
          setError(
            result.kind === "stale_version" || result.kind === "conflict"
              ? `Not discharged: ${result.message} Reload the page.`
              : result.message,
          );
      } catch {
        setError("Could not reach the server: try again");
      }
    });
  };
  return (
    <section className="card" aria-labelledby="discharge-title" style={{ marginTop: "2rem" }}>
      <h2 id="discharge-title">Discharge / archive</h2>
      <p>
        Discharging removes {name} from the ward board. Nothing is deleted: the record, every observation and dose stay, and
        nothing can be charted after the discharge time.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="discharge-reason">Reason for discharge</label>
          <textarea
            id="discharge-reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "discharge-error" : undefined}
          />
          {error && (
            <span id="discharge-error" className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
        <button type="submit" className="danger" disabled={pending}>
          {pending ? "Discharging…" : `Discharge ${name}`}
        </button>
      </form>
    </section>
  );
}
