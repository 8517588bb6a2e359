import { LoginForm } from "./login-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1>Sign in to CRS Watch</h1>
      <LoginForm next={next ?? "/"} />
    </>
  );
}
