"use server";
import { redirect } from "next/navigation";
import { authenticate } from "@/lib/auth/login";
import { getSession } from "@/lib/auth/session";

export interface LoginState {
  error?: string;
  username?: string;
}

/** Only same-site paths: never send a user on to another origin after sign-in. */
function safeNext(next: FormDataEntryValue | null): string {
  const value = typeof next === "string" ? next : "/";
  return value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export async function signIn(_previous: LoginState, form: FormData): Promise<LoginState> {
  const username = String(form.get("username") ?? "");
  const result = await authenticate({ username, password: form.get("password") ?? "" });
  if (!result.ok) return { error: result.message, username };
  const session = await getSession();
  session.userId = result.userId;
  await session.save();
  redirect(safeNext(form.get("next")));
}
