"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authenticate } from "@/lib/auth/login";
import { getSession } from "@/lib/auth/session";
import { clientAddressOf } from "@/lib/http/client-address";
import { safeNextPath } from "@/lib/http/next-path";

export interface LoginState {
  error?: string;
  username?: string;
}

export async function signIn(_previous: LoginState, form: FormData): Promise<LoginState> {
  // The arguments come from the network: anything but the form is answered, never thrown on.
  if (!(form instanceof FormData)) return { error: "Send the sign-in form: a username and a password." };
  const username = String(form.get("username") ?? "");
  const result = await authenticate(
    { username, password: form.get("password") ?? "" },
    new Date(),
    clientAddressOf(await headers()),
  );
  if (!result.ok) return { error: result.message, username };
  const session = await getSession();
  session.sessionId = result.sessionId;
  await session.save();
  // Never on to another origin after sign-in (lib/http/next-path.ts).
  redirect(safeNextPath(form.get("next")));
}
