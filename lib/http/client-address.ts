// The address a request came from, for the sign-in limit and for counting refusals of nobody.
// Next.js puts the connecting socket's address in X-Forwarded-For when the request has none; behind
// a reverse proxy, the proxy must set the header to the client's address (docs/DEPLOY.md), and the
// entry it adds is the last one. A client talking to Next.js directly can write the header itself:
// then it chooses its own address, which moves it between per-address counts but never past the
// per-username limits.
export function clientAddressOf(headers: Pick<Headers, "get">): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const last = entries.at(-1);
  // Bounded: the address is stored and compared, never trusted for anything else.
  return last ? last.slice(0, 100) : "unknown";
}
