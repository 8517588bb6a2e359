import { requirePageAccess } from "@/lib/auth/guard";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/users";
import { oversightTimeZone } from "@/lib/audit/ward-zone";
import { formatWardDate } from "@/lib/format/time";
import { CreateUserForm } from "./create-user-form";
import { ActiveToggle } from "./active-toggle";
import { ResetPasswordForm } from "./reset-password-form";
import { displayText } from "@/lib/format/display-text";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await requirePageAccess("users:manage");
  const [users, timeZone] = await Promise.all([listUsers(), oversightTimeZone()]);
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Users are never deleted: a deactivated user cannot sign in, and their name stays on everything they charted.
      </p>
      <table>
        <caption className="muted" style={{ textAlign: "left", padding: ".25rem 0" }}>
          {users.filter((u) => u.active).length} active, {users.filter((u) => !u.active).length} deactivated
        </caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="muted">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{displayText(u.displayName)}</td>
              <td>{ROLE_LABELS[u.role as Role] ?? u.role}</td>
              <td>{u.active ? "Active" : "Deactivated"}</td>
              <td>
                {formatWardDate(u.createdAt, timeZone)} {u.createdAt.getUTCFullYear()}
              </td>
              <td>
                <ActiveToggle userId={u.id} username={u.username} active={u.active} self={u.id === me.id} />
                {u.id !== me.id && <ResetPasswordForm userId={u.id} username={u.username} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateUserForm />
    </>
  );
}
