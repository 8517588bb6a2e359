// What an uploaded file (a FHIR R4 Bundle, or the engine's timeline exchange file) becomes before
// anything is stored: charted sets and doses, and from an exchange file also refused or
// not-possible sets, weights, observation pauses and task acknowledgements, each in its own
// form's field names with the key that makes importing the same file twice store it once. The forms' schemas check them again
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

/** The confirmation of a dose's limit flags the file carries (TOCI-CONFIRM): which flags, when, by whom (as text). */
export interface FileConfirmation {
  flags: string[];
  at: string;
  by: string;
}

/** One dose given: the dose form's fields (lib/doses/dose-input.ts), without the key and the confirmation. */
export interface ImportedDose extends ImportedFact {
  form: { drug: string; otherDrugName?: string; doseMg: number; route: string | null; effectiveAt: string };
  /** The confirmation recorded where the file came from, if any (an exchange file's confirmedFlags/At/By). */
  confirmation?: FileConfirmation | null;
}

/** A set not taken (OBS-STATUS): the missed-set form's fields (lib/observations/record-missed-set.ts). */
export interface ImportedMissedSet extends ImportedFact {
  form: { effectiveAt: string; setStatus: string; statusReason: string };
}

/** A weight measured (TOCI-WEIGHT): the weight form's fields (lib/weights/weight-input.ts). */
export interface ImportedWeight extends ImportedFact {
  form: { measuredAt: string; kg: number };
}

/** An observation pause (OBS-PAUSE): the pause form's fields (lib/tasks/pause-input.ts). */
export interface ImportedPause extends ImportedFact {
  form: { from: string; until?: string; reason: string };
}

/**
 * An answer to an escalation task given where the file came from (ESC-ACK). Its author is not a
 * user of this hospital: name, role and time are kept as the file gives them.
 */
export interface ImportedAcknowledgement extends ImportedFact {
  /** The task as the file names it: KIND:fact id of the file (mapped to this chart's ids when stored). */
  taskId: string;
  by: string;
  role: string;
  /** The outcome code and the free text after it ("not_indicated: ..."), as the engine reads it. */
  outcome: string;
}

export interface ImportItems {
  format: ImportFormat;
  sets: ImportedSet[];
  doses: ImportedDose[];
  /** Exchange files only (a FHIR upload carries none of these). */
  missedSets?: ImportedMissedSet[];
  weights?: ImportedWeight[];
  pauses?: ImportedPause[];
  acknowledgements?: ImportedAcknowledgement[];
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
