import { safeNextPath } from "@/lib/http/next-path";
import { LoginForm } from "./login-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1>Sign in to CRS Watch</h1>
      {/* Checked again on sign-in: the form field can be edited. */}
      <LoginForm next={safeNextPath(next)} />
    </>
  );
}
