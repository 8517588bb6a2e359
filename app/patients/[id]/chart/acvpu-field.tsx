"use client";
/**
 * NEWS2-ACVPU in the vital signs, one key per letter: with focus anywhere in the group, A, C, V, P
 * or U chooses that level (Delete or Backspace clears it), and the arrow keys move as in any radio
 * group. Each choice shows its letter and word, so nobody has to remember which letter is which.
 */
import { useRef } from "react";
import { ACVPU_LEVELS } from "@/lib/engine/vocabulary";
import { acvpuForKey, ACVPU_LETTERS, ACVPU_WORDS } from "@/lib/format/acvpu";

export function AcvpuField({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const group = useRef<HTMLDivElement>(null);
  const focusChoice = (level: string) => group.current?.querySelector<HTMLInputElement>(`input[value="${level}"]`)?.focus();

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const level = acvpuForKey(event.key);
    if (level) {
      event.preventDefault();
      onChange(level);
      focusChoice(level);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      onChange("");
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field acvpu-field">
      <span className="field-label" id={`${id}-label`}>
        Consciousness <span className="hint">(ACVPU)</span>
      </span>
      <span id={hintId} className="hint">
        Type A, C, V, P or U; Delete clears
      </span>
      <div
        ref={group}
        id={id}
        tabIndex={-1}
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        className="segmented acvpu"
        onKeyDown={onKeyDown}
      >
        {ACVPU_LEVELS.map((level, index) => (
          <label key={level} title={ACVPU_WORDS[level]}>
            <input
              type="radio"
              name="acvpu"
              value={level}
              checked={value === level}
              // With nothing chosen, Tab lands on the first choice; otherwise on the chosen one.
              tabIndex={value === level || (value === "" && index === 0) ? 0 : -1}
              aria-keyshortcuts={ACVPU_LETTERS[level]}
              onChange={() => onChange(level)}
            />
            <span aria-hidden="true" className="acvpu-letter">
              {ACVPU_LETTERS[level]}
            </span>
            <span className="acvpu-word">{ACVPU_WORDS[level]}</span>
          </label>
        ))}
      </div>
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
