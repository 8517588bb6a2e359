// The body of an upload (preview and import): which format, the file's text as uploaded, and the
// confirmations the user gave for doses over a tocilizumab limit. Client-safe.
import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/import/formats";

/** A ward's month of charting as FHIR is a few megabytes; far beyond that is not one patient's record. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const uploadRequestSchema = z.strictObject({
  format: z.enum(IMPORT_FORMATS, { error: `is not a file format; use one of ${IMPORT_FORMATS.join(", ")}` }),
  content: z.string({ error: "is required: the file's text" }).min(1, { error: "is empty: choose a file" }),
  confirmations: z
    .array(
      z.strictObject({
        sourceKey: z.string().min(1).max(1000),
        flags: z.array(z.string().max(100)).max(10),
        reason: z.string().max(1000, { error: "is too long; at most 1000 characters" }),
      }),
    )
    .max(1000)
    .default([]),
});

export type UploadRequest = z.output<typeof uploadRequestSchema>;
