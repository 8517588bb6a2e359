// The upload body -> the facts it holds: the FHIR Bundle or the exchange file read by its own
// reader. Authorization comes first (the handler asks `observation:chart` before anything is read).
import { readTimelineFile } from "@/lib/exchange-file/read-timeline-file";
import { readFhirBundle } from "@/lib/fhir/read-bundle";
import type { ImportItems } from "@/lib/import/items";
import { uploadRequestSchema, type UploadRequest } from "@/lib/import/upload-request";
import { failed, invalidInput, type WriteFailure } from "@/lib/write-result";

export function readUpload(body: unknown): { request: UploadRequest; items: ImportItems } | { failure: WriteFailure } {
  const parsed = uploadRequestSchema.safeParse(body);
  if (!parsed.success) return { failure: invalidInput(parsed.error) };
  const request = parsed.data;
  let upload;
  if (request.format === "fhir") {
    let json: unknown;
    try {
      json = JSON.parse(request.content);
    } catch (error) {
      return { failure: failed("invalid", `The file is not JSON: ${error instanceof Error ? error.message : String(error)}`) };
    }
    upload = readFhirBundle(json);
  } else {
    upload = readTimelineFile(request.content);
  }
  if (!upload.ok) {
    const count = upload.problems.length;
    return {
      failure: failed("invalid", count === 1 ? upload.problems[0]! : `${count} problems in the file`, {
        fieldErrors: upload.problems.map((message) => ({ path: "file", message })),
      }),
    };
  }
  return { request, items: upload.items };
}
