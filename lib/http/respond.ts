// The plumbing every JSON route handler shares, so handlers stay one call long: read the body
// safely (bad JSON or an oversized body is the client's error, 4xx), turn a WriteResult into a
// Response, and turn a true bug into a 500 that reveals nothing about the server.
import { httpStatusOf } from "@/lib/http/status";
import type { WriteResult } from "@/lib/write-result";

/** Far above any charting form; a body this large is not a chart entry. */
export const MAX_BODY_BYTES = 256 * 1024;

export type JsonBody = { ok: true; body: unknown } | { ok: false; response: Response };

function errorResponse(status: number, error: string): Response {
  return Response.json({ error }, { status });
}

/** The request body as JSON; an empty body is `undefined` (the server function then names what is missing). */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<JsonBody> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) {
    return { ok: false, response: errorResponse(413, `The request body is larger than ${maxBytes} bytes.`) };
  }
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: false, response: errorResponse(400, "The request body could not be read.") };
  }
  if (text.length > maxBytes) {
    return { ok: false, response: errorResponse(413, `The request body is larger than ${maxBytes} bytes.`) };
  }
  if (text.trim() === "") return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: errorResponse(400, "The request body is not valid JSON.") };
  }
}

/** `{ ...value }` with `successStatus`, or `{ error, fieldErrors?, conflict? }` with the status of the refusal's kind. */
export function respond<T>(result: WriteResult<T>, successStatus = 200): Response {
  if (result.ok) return Response.json(result.value, { status: successStatus });
  const body: Record<string, unknown> = { error: result.message };
  if (result.fieldErrors) body.fieldErrors = result.fieldErrors;
  if (result.conflict) body.conflict = result.conflict;
  return Response.json(body, { status: httpStatusOf(result) });
}

/**
 * Runs a handler body. Malformed input never gets here as an exception (the server functions
 * return 4xx results); whatever does is a bug: logged, and answered 500 without details.
 */
export async function handled(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    console.error("Unhandled error in a route handler", error);
    return errorResponse(500, "Something went wrong on the server. Reload the page to see what was saved before trying again.");
  }
}

/** Read the body, call the server function with it, answer. */
export function withJsonBody<T>(
  request: Request,
  call: (body: unknown) => Promise<WriteResult<T>>,
  successStatus = 200,
): Promise<Response> {
  return handled(async () => {
    const read = await readJsonBody(request);
    if (!read.ok) return read.response;
    return respond(await call(read.body), successStatus);
  });
}
