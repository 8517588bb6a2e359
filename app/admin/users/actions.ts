"use server";
// Thin server actions: the signed-in user and the form fields go to lib/users, which validates,
// authorizes and audits.
import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth/guard";
import { createUser, deactivateUser, reactivateUser, resetPassword } from "@/lib/users";
import type { FieldError } from "@/lib/write-result";

export interface CreateUserState {
  message?: string;
  fieldErrors?: FieldError[];
  created?: string;
  values?: { username: string; displayName: string; role: string };
}

export async function createUserAction(_previous: CreateUserState, form: FormData): Promise<CreateUserState> {
  const values = {
    username: String(form.get("username") ?? ""),
    displayName: String(form.get("displayName") ?? ""),
    role: String(form.get("role") ?? ""),
  };
  const result = await createUser(await currentUser(), { ...values, password: String(form.get("password") ?? "") });
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath("/admin/users");
  return { created: `${result.value.displayName} (${result.value.username}) can now sign in.` };
}

export interface ToggleState {
  message?: string;
}

export async function setActiveAction(_previous: ToggleState, form: FormData): Promise<ToggleState> {
  const input = { userId: String(form.get("userId") ?? "") };
  const user = await currentUser();
  const result = form.get("active") === "true" ? await reactivateUser(user, input) : await deactivateUser(user, input);
  if (!result.ok) return { message: result.message };
  revalidatePath("/admin/users");
  return {};
}

export interface ResetState {
  message?: string;
  done?: string;
}

export async function resetPasswordAction(_previous: ResetState, form: FormData): Promise<ResetState> {
  const result = await resetPassword(await currentUser(), {
    userId: String(form.get("userId") ?? ""),
    temporaryPassword: String(form.get("temporaryPassword") ?? ""),
  });
  if (!result.ok) return { message: result.message };
  return { done: "Password reset: the user must choose a new one at their next sign-in." };
}
