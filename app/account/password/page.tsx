import { requirePageAccess } from "@/lib/auth/guard";
import { ChangePasswordForm } from "./change-password-form";

export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const me = await requirePageAccess("account:password");
  return (
    <>
      <h1>Your password</h1>
      {me.mustChangePassword ? (
        <p role="alert" className="form-error">
          An administrator reset your password: choose a new one before you continue.
        </p>
      ) : (
        <p className="muted">Changing it signs you out everywhere else.</p>
      )}
      <ChangePasswordForm />
    </>
  );
}
