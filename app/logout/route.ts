// Signing out ends the session row, not just the cookie: a copy of the cookie is dead too.
import { getSession } from "@/lib/auth/session";
import { currentUser } from "@/lib/auth/guard";
import { actorOf } from "@/lib/auth/authorize";
import { endSession } from "@/lib/auth/sessions";
import { writeTransaction } from "@/lib/db";
import { recordAudit } from "@/lib/audit/events";

export async function POST(request: Request) {
  const user = await currentUser();
  const session = await getSession();
  const sessionId = session.sessionId;
  session.destroy();
  if (sessionId) {
    await writeTransaction(async (tx) => {
      await endSession(tx, sessionId, "signed_out", new Date());
      if (user) await recordAudit(tx, actorOf(user), { action: "auth.logout", entityType: "user", entityId: user.id });
    });
  }
  return Response.redirect(new URL("/login", request.url), 303);
}
