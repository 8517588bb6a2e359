// What an uploaded file (a FHIR R4 Bundle, or the engine's timeline exchange file) becomes before
// anything is stored: charted sets and doses in the charting forms' own field names, each with the
// key that makes importing the same file twice store it once. The forms' schemas check them again
// on the way in, so an import is held to exactly what a nurse charting by hand is held to.
import { createHash } from "node:crypto";
import type { ImportFormat } from "@/lib/import/formats";

export { IMPORT_FORMATS, type ImportFormat } from "@/lib/import/formats";

interface ImportedFact {
  /** Stable across uploads of the same file: the resources' identifiers, or the exchange file's ids. */
  sourceKey: string;
  /** How the refusals name it: 'Observation "o1"', 'observations[3]'. */
  source: string;
  /** The CRS Watch version or lineage id it was exported from, when the file came from CRS Watch. */
  exportedId: string | null;
  /** Bedside time, as given. */
  at: string;
}

/** One charted set: the observation form's fields (lib/observations/observation-input.ts), without the key. */
export interface ImportedSet extends ImportedFact {
  form: Record<string, unknown>;
}

/** One dose given: the dose form's fields (lib/doses/dose-input.ts), without the key and the confirmation. */
export interface ImportedDose extends ImportedFact {
  form: { drug: string; otherDrugName?: string; doseMg: number; route: string | null; effectiveAt: string };
}

export interface ImportItems {
  format: ImportFormat;
  sets: ImportedSet[];
  doses: ImportedDose[];
}

/** A file read, or every problem found in it (each names the resource or field). */
export type ParsedUpload = { ok: true; items: ImportItems } | { ok: false; problems: string[] };

/**
 * The submission key of an imported fact (lib/write/submission-keys.ts): the same fact imported
 * again for the same patient finds its key and is not stored twice; the same file imported for
 * another patient is another set of facts.
 */
export function importSubmissionKey(patientId: string, format: ImportFormat, sourceKey: string): string {
  const digest = createHash("sha256").update(`${patientId}\n${format}\n${sourceKey}`).digest("base64url");
  return `import_${digest.slice(0, 43)}`;
}
