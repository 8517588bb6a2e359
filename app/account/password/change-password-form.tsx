"use client";
import { useActionState } from "react";
import Link from "next/link";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schema";
import { changePasswordAction, type ChangePasswordState } from "./actions";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: `New password (at least ${MIN_PASSWORD_LENGTH} characters)`, autoComplete: "new-password" },
  { name: "confirmPassword", label: "New password again", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  const errorOf = (name: string) => state.fieldErrors?.find((e) => e.path === name)?.message;
  if (state.changed) {
    return (
      <div className="card" style={{ maxWidth: 520 }}>
        <p role="status">{state.changed}</p>
        <Link href="/">Continue</Link>
      </div>
    );
  }
  return (
    <form action={action} className="card" style={{ maxWidth: 520 }} aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      {state.message && (
        <p role="alert" className="form-error">
          {state.message}
        </p>
      )}
      {FIELDS.map(({ name, label, autoComplete }) => (
        <div className="field" key={name}>
          <label htmlFor={name}>{label}</label>
          <input
            id={name}
            name={name}
            type="password"
            required
            autoComplete={autoComplete}
            aria-invalid={errorOf(name) ? true : undefined}
            aria-describedby={errorOf(name) ? `${name}-error` : undefined}
          />
          {errorOf(name) && (
            <p className="field-error" id={`${name}-error`}>
              {errorOf(name)}
            </p>
          )}
        </div>
      ))}
      <button type="submit" disabled={pending}>
        Change password
      </button>
    </form>
  );
}
