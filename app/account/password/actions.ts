"use server";
// Thin server action: the signed-in user and the three fields go to lib/users, which checks the
// current password, ends the user's other sessions and audits the change.
import { currentUser } from "@/lib/auth/guard";
import { changeOwnPassword } from "@/lib/users";
import type { FieldError } from "@/lib/write-result";

export interface ChangePasswordState {
  message?: string;
  fieldErrors?: FieldError[];
  changed?: string;
}

export async function changePasswordAction(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const result = await changeOwnPassword(await currentUser(), {
    currentPassword: String(form.get("currentPassword") ?? ""),
    newPassword: String(form.get("newPassword") ?? ""),
    confirmPassword: String(form.get("confirmPassword") ?? ""),
  });
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors };
  const others = result.value.sessionsEnded;
  return {
    changed: `Your password is changed.${others ? ` ${others} other session${others === 1 ? " was" : "s were"} signed out.` : ""}`,
  };
}
