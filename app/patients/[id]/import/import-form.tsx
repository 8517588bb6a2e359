"use client";
// Choose a file, see what it would chart (the preview), confirm any dose over a tocilizumab limit
// with a reason, then import. Nothing is stored before "Import"; the server checks everything again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS, type ImportFormat } from "@/lib/import/formats";
import type { ImportPreview } from "@/lib/import/preview-import";
import type { ImportOutcome } from "@/lib/import/import-facts";
import type { FieldError } from "@/lib/write-result";
import { displayText } from "@/lib/format/display-text";

type Refusal = { error: string; fieldErrors?: FieldError[] };

async function post<T>(url: string, body: unknown): Promise<{ ok: true; value: T } | { ok: false; refusal: Refusal }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T | Refusal;
  return response.ok ? { ok: true, value: json as T } : { ok: false, refusal: json as Refusal };
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 sets and 4 doses", or with the exchange file's other kinds: "3 sets, 4 doses, 1 set not taken and 2 weights". */
function storedText(outcome: ImportOutcome): string {
  const parts = [count(outcome.storedSets, "set"), count(outcome.storedDoses, "dose")];
  if (outcome.storedMissedSets > 0) parts.push(count(outcome.storedMissedSets, "set not taken", "sets not taken"));
  if (outcome.storedWeights > 0) parts.push(count(outcome.storedWeights, "weight"));
  if (outcome.storedPauses > 0) parts.push(count(outcome.storedPauses, "observation pause"));
  if (outcome.storedAcknowledgements > 0) parts.push(count(outcome.storedAcknowledgements, "task acknowledgement"));
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** A file that starts as a FHIR resource is a Bundle; anything else is read as the exchange file. */
function guessFormat(text: string): ImportFormat {
  return /"resourceType"\s*:/.test(text.slice(0, 2000)) ? "fhir" : "timeline";
}

export function ImportForm({ patientId }: { patientId: string }) {
  const router = useRouter();
  const [format, setFormat] = useState<ImportFormat>("fhir");
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [pending, setPending] = useState(false);

  async function choose(file: File | undefined) {
    setPreview(null);
    setOutcome(null);
    setRefusal(null);
    if (!file) return;
    const text = await file.text();
    setFileName(file.name);
    setContent(text);
    setFormat(guessFormat(text));
  }

  async function showPreview() {
    setPending(true);
    setRefusal(null);
    setOutcome(null);
    const result = await post<ImportPreview>(`/api/patients/${patientId}/import/preview`, { format, content });
    setPending(false);
    if (result.ok) setPreview(result.value);
    else {
      setPreview(null);
      setRefusal(result.refusal);
    }
  }

  async function runImport() {
    if (!preview) return;
    setPending(true);
    setRefusal(null);
    const confirmations = preview.dosesChecked
      .filter((dose) => dose.flags.length > 0 && confirmed[dose.sourceKey])
      .map((dose) => ({ sourceKey: dose.sourceKey, flags: dose.flags, reason: reasons[dose.sourceKey] ?? "" }));
    const result = await post<ImportOutcome>(`/api/patients/${patientId}/import`, { format, content, confirmations });
    setPending(false);
    if (result.ok) {
      setOutcome(result.value);
      setPreview(null);
      router.refresh();
    } else setRefusal(result.refusal);
  }

  const flagged = preview?.dosesChecked.filter((dose) => dose.flags.length > 0) ?? [];
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <p className="muted small">
        Vital-sign Observations and MedicationAdministrations (FHIR R4), or a timeline exchange file (sets, sets not taken, doses,
        weights, observation pauses and task acknowledgements). Each is charted as if typed in the forms, under your name;
        importing the same file again stores nothing twice.
      </p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="import-file">File</label>
          <input
            id="import-file"
            type="file"
            accept=".json,application/json,application/fhir+json"
            onChange={(event) => choose(event.target.files?.[0])}
          />
        </div>
        <div className="field">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" value={format} onChange={(event) => setFormat(event.target.value as ImportFormat)}>
            {IMPORT_FORMATS.map((value) => (
              <option key={value} value={value}>
                {IMPORT_FORMAT_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-actions">
        <button type="button" onClick={showPreview} disabled={pending || content === ""}>
          Preview {fileName && `"${fileName}"`}
        </button>
      </div>

      {refusal && (
        <div className="notice bad" role="alert">
          <p>
            <strong>{displayText(refusal.error)}</strong>
          </p>
          {(refusal.fieldErrors?.length ?? 0) > 1 && (
            <ul>
              {refusal.fieldErrors!.map((problem, index) => (
                <li key={index}>
                  {problem.path === "file" ? "" : `${problem.path}: `}
                  {displayText(problem.message)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {preview && (
        <section aria-labelledby="preview-title" className="result">
          <h3 id="preview-title">Preview: nothing is stored yet</h3>
          <p data-testid="import-summary">
            <strong>{displayText(preview.summary)}</strong>
          </p>
          {preview.regraded.length > 0 && (
            <>
              <p>Sets already charted that would be re-graded (ALERT-LATE-ENTRY):</p>
              <ul>
                {preview.regraded.map((change) => (
                  <li key={change.id}>{displayText(change.text)}</li>
                ))}
              </ul>
            </>
          )}
          {flagged.map((dose) => (
            <fieldset key={dose.sourceKey} className="notice bad">
              <legend>
                {displayText(dose.label)} breaks {dose.flags.join(", ")}
              </legend>
              <ul>
                {dose.reasons.map((reason, index) => (
                  <li key={index}>{displayText(reason.text)}</li>
                ))}
              </ul>
              {dose.carriedLabel && (
                <p className="small" data-testid="carried-confirmation">
                  {displayText(dose.carriedLabel)}: with your confirmation it is kept at that time, naming them (TOCI-CONFIRM).
                </p>
              )}
              <label className="check">
                <input
                  type="checkbox"
                  checked={confirmed[dose.sourceKey] ?? false}
                  onChange={(event) => setConfirmed({ ...confirmed, [dose.sourceKey]: event.target.checked })}
                />
                This dose was given despite the limit
              </label>
              <div className="field">
                <label htmlFor={`reason-${dose.ordinal}`}>Why it was given (required)</label>
                <textarea
                  id={`reason-${dose.ordinal}`}
                  value={reasons[dose.sourceKey] ?? ""}
                  onChange={(event) => setReasons({ ...reasons, [dose.sourceKey]: event.target.value })}
                />
              </div>
            </fieldset>
          ))}
          <div className="form-actions">
            <button type="button" onClick={runImport} disabled={pending || preview.entries === 0}>
              Import {preview.entries} {preview.entries === 1 ? "entry" : "entries"}
            </button>
          </div>
        </section>
      )}

      {outcome && (
        <p className="notice" role="status" data-testid="import-outcome">
          Imported {storedText(outcome)}
          {outcome.preview.skipped.length > 0 && `; ${outcome.preview.skipped.length} already on the chart`}
          {outcome.awaitingOverrideConfirmation > 0 &&
            `; ${outcome.awaitingOverrideConfirmation} awaiting a physician's confirmation`}
          .
        </p>
      )}
    </section>
  );
}
