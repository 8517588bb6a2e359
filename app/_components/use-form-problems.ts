"use client";
// What every charting form does when something is wrong: one summary at the top that takes the
// focus (so it is read out and in view) and each field's own message, from the browser's check
// of the shared schema or from the server's answer.
import { useRef, useState } from "react";
import type { FieldErrors } from "./field";

export const SERVER_UNREACHABLE = "Could not reach the server. Nothing you typed is lost: save again.";

/** The first message per field path, as the summary and the fields show them. */
export function errorsByPath(errors: readonly { path: string; message: string }[] | undefined): FieldErrors {
  const found: FieldErrors = {};
  for (const error of errors ?? []) found[error.path] ??= error.message;
  return found;
}

export function useFormProblems() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState("");
  const summaryRef = useRef<HTMLDivElement | null>(null);

  const showProblems = (message: string, found: FieldErrors) => {
    setProblem(message);
    setErrors(found);
    // After React has rendered the summary: move focus to it.
    requestAnimationFrame(() => summaryRef.current?.focus());
  };
  const clearProblems = () => {
    setProblem("");
    setErrors({});
  };
  const summaryRefCallback = (element: HTMLDivElement | null) => {
    summaryRef.current = element;
  };
  return { errors, problem, showProblems, clearProblems, summaryRefCallback };
}
