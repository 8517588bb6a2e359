// The two files a patient's record can be uploaded as. Client-safe.
export const IMPORT_FORMATS = ["fhir", "timeline"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  fhir: "FHIR R4 Bundle (JSON)",
  timeline: "Timeline exchange file (the engine's JSON)",
};
