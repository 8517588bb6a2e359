"use server";
import { redirect } from "next/navigation";
import { authenticate } from "@/lib/auth/login";
import { getSession } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/http/next-path";

export interface LoginState {
  error?: string;
  username?: string;
}

export async function signIn(_previous: LoginState, form: FormData): Promise<LoginState> {
  const username = String(form.get("username") ?? "");
  const result = await authenticate({ username, password: form.get("password") ?? "" });
  if (!result.ok) return { error: result.message, username };
  const session = await getSession();
  session.userId = result.userId;
  await session.save();
  // Never on to another origin after sign-in (lib/http/next-path.ts).
  redirect(safeNextPath(form.get("next")));
}
