import { getSession } from "@/lib/auth/session";
import { currentUser } from "@/lib/auth/guard";
import { actorOf } from "@/lib/auth/authorize";
import { writeTransaction } from "@/lib/db";
import { recordAudit } from "@/lib/audit/events";

export async function POST(request: Request) {
  const user = await currentUser();
  const session = await getSession();
  session.destroy();
  if (user) {
    await writeTransaction((tx) =>
      recordAudit(tx, actorOf(user), { action: "auth.logout", entityType: "user", entityId: user.id }),
    );
  }
  return Response.redirect(new URL("/login", request.url), 303);
}
