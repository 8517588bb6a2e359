// Create a user: validate -> authorize -> one transaction (user + user.create audit event).
// The audit event records who was created with which role, never the password or its hash.
import { writeTransaction } from "@/lib/db";
import { authorize, actorOf, type CurrentUser } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/events";
import { accessDenied, failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";
import { createUserSchema } from "@/lib/users/schema";
import type { UserListing } from "@/lib/users/list-users";

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function createUser(user: CurrentUser | null, input: unknown): Promise<WriteResult<UserListing>> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const denial = await authorize(user, "users:manage", "createUser");
  if (denial) return accessDenied(denial);
  const { username, displayName, role, password } = parsed.data;
  // Hashing is slow on purpose: do it before the write transaction, which serialises all writers.
  const passwordHash = await hashPassword(password);
  try {
    const created = await writeTransaction(async (tx) => {
      const row = await tx.user.create({
        data: { username, displayName, role, passwordHash },
        select: { id: true, username: true, displayName: true, role: true, active: true, createdAt: true },
      });
      await recordAudit(tx, actorOf(user!), {
        action: "user.create",
        entityType: "user",
        entityId: row.id,
        after: { username, displayName, role, active: true },
      });
      return row;
    });
    return succeeded(created);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = `Username "${username}" is already taken`;
    return failed("conflict", message, { fieldErrors: [{ path: "username", message }] });
  }
}
