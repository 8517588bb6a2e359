"use client";
import { useActionState } from "react";
import { setActiveAction, type ToggleState } from "./actions";

export function ActiveToggle({
  userId,
  username,
  active,
  self,
}: {
  userId: string;
  username: string;
  active: boolean;
  self: boolean;
}) {
  const [state, action, pending] = useActionState<ToggleState, FormData>(setActiveAction, {});
  if (self) return <span className="muted">(you)</span>;
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={String(!active)} />
      <button
        type="submit"
        className="secondary"
        disabled={pending}
        aria-label={`${active ? "Deactivate" : "Reactivate"} ${username}`}
      >
        {active ? "Deactivate" : "Reactivate"}
      </button>
      {state.message && (
        <p role="alert" className="form-error">
          {state.message}
        </p>
      )}
    </form>
  );
}
