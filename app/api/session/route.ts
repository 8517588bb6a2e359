// JSON sign-in for API clients (and the load/crash tests): the same `authenticate` as the login
// form, so the same audit events and the same rate limit apply; the session is the same cookie.
import { authenticate } from "@/lib/auth/login";
import { getSession } from "@/lib/auth/session";
import { clientAddressOf } from "@/lib/http/client-address";

export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: 'Send JSON: {"username": ..., "password": ...}', fieldErrors: [] }, { status: 400 });
  }
  const result = await authenticate(body, new Date(), clientAddressOf(request.headers));
  if (!result.ok) return Response.json({ error: result.message, fieldErrors: [] }, { status: result.status });
  const session = await getSession();
  session.sessionId = result.sessionId;
  await session.save();
  return Response.json({ userId: result.userId });
}
