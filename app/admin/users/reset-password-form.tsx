"use client";
import { useActionState } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schema";
import { resetPasswordAction, type ResetState } from "./actions";

/** An administrator's reset: a temporary password, every session of the user ended, a new password forced at sign-in. */
export function ResetPasswordForm({ userId, username }: { userId: string; username: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction, {});
  const id = `reset-${userId}`;
  return (
    <details>
      <summary>Reset password</summary>
      <form action={action}>
        <input type="hidden" name="userId" value={userId} />
        <label htmlFor={id}>Temporary password for {username}</label>
        <input
          id={id}
          name="temporaryPassword"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
        <button type="submit" className="secondary" disabled={pending} aria-label={`Reset the password of ${username}`}>
          Reset
        </button>
        {state.message && (
          <p role="alert" className="form-error">
            {state.message}
          </p>
        )}
        {state.done && <p role="status">{state.done}</p>}
      </form>
    </details>
  );
}
