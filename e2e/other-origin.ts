// A second origin on the same host (127.0.0.1, another port): what a page on a sibling port or
// subdomain can do to the app. SameSite=Strict does not separate ports, so this is "same site"
// to the browser but never the app's own origin.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface OtherOrigin {
  origin: string;
  /** Every path this origin was asked for, in order (a redirect that escaped the app lands here). */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `html` at "/" and a plain page everywhere else, on a free port of 127.0.0.1. */
export async function startOtherOrigin(html = "<!doctype html><title>elsewhere</title><p>elsewhere</p>"): Promise<OtherOrigin> {
  const requests: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    requests.push(request.url ?? "");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(request.url === "/" ? html : "<!doctype html><title>elsewhere</title><p>elsewhere</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
