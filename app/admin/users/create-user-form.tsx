"use client";
import { useActionState } from "react";
import { ROLES, ROLE_LABELS } from "@/lib/auth/permissions";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schema";
import { createUserAction, type CreateUserState } from "./actions";

function FieldMessage({ state, path }: { state: CreateUserState; path: string }) {
  const message = state.fieldErrors?.find((e) => e.path === path)?.message;
  return message ? (
    <p className="field-error" id={`${path}-error`}>
      {message}
    </p>
  ) : null;
}

export function CreateUserForm() {
  const [state, action, pending] = useActionState<CreateUserState, FormData>(createUserAction, {});
  const invalid = (path: string) => (state.fieldErrors?.some((e) => e.path === path) ? true : undefined);
  return (
    <form action={action} className="card" style={{ maxWidth: 520 }} aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">Add a user</h2>
      {state.message && (
        <p role="alert" className="form-error">
          {state.message}
        </p>
      )}
      {state.created && <p role="status">{state.created}</p>}
      <div className="field">
        <label htmlFor="username">Username</label>
        <input
          id="username"
          name="username"
          autoComplete="off"
          required
          defaultValue={state.values?.username}
          aria-invalid={invalid("username")}
          aria-describedby={invalid("username") && "username-error"}
        />
        <FieldMessage state={state} path="username" />
      </div>
      <div className="field">
        <label htmlFor="displayName">Display name</label>
        <input
          id="displayName"
          name="displayName"
          required
          defaultValue={state.values?.displayName}
          aria-invalid={invalid("displayName")}
          aria-describedby={invalid("displayName") && "displayName-error"}
        />
        <FieldMessage state={state} path="displayName" />
      </div>
      <div className="field">
        <label htmlFor="role">Role</label>
        <select id="role" name="role" required defaultValue={state.values?.role ?? "nurse"} aria-invalid={invalid("role")}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        <FieldMessage state={state} path="role" />
      </div>
      <div className="field">
        <label htmlFor="password">Initial password (at least {MIN_PASSWORD_LENGTH} characters)</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          aria-invalid={invalid("password")}
          aria-describedby={invalid("password") && "password-error"}
        />
        <FieldMessage state={state} path="password" />
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
