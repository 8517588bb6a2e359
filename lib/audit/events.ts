// Audit events, typed by a discriminated union: each action names the entity it concerns and the
// exact payload (`before` / `after`) it keeps. The trail is evidence: a payload carrying a field
// its action does not declare is refused (strict objects), never trimmed or stored unchecked.
// `recordAudit` takes the transaction of the change it records, so the change and its audit
// row commit together or not at all (never "best effort").
// lib/audit sits below lib/auth (sign-in and access decisions are recorded here): it imports
// nothing from lib/auth, so roles and permissions are kept as the text they were.
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { TOCI_FLAGS } from "@/lib/engine";
import { chartedAuditSchemas } from "@/lib/facts/charted-values";

const instant = z.iso.datetime();
const count = z.number().int().nonnegative();
const crsGrade = z.literal([0, 1, 2, 3, 4, 5]);
const icansGrade = z.literal([0, 1, 2, 3, 4]);

/**
 * The write paths build row snapshots as plain records (`Record<string, unknown>`), so at compile
 * time such a payload is accepted as a record; at run time the typed schema itself checks it here,
 * the one place every event passes through. Readers get the typed output.
 */
const fromRecord = <T extends z.ZodType>(schema: T) => schema as unknown as z.ZodType<z.output<T>, Record<string, unknown>>;

// --- Patients -------------------------------------------------------------------------------
/** A patient row, times as ISO text. Only MRN and name are always present (the demo seed keeps no more). */
const patientSnapshot = z
  .strictObject({
    id: z.string(),
    mrn: z.string(),
    name: z.string(),
    birthDate: z.string(),
    sex: z.string(),
    weightKg: z.number(),
    weightMeasuredAt: instant,
    wardId: z.string(),
    bed: z.string(),
    product: z.string(),
    therapy: z.string(),
    infusionAt: instant,
    gradingSystem: z.string(),
    antipyreticsMaskFever: z.boolean(),
    tociMinIntervalHours: z.number(),
    /** NEWS2-SPO2; absent from events written before it was a patient setting. */
    spo2Scale: z.number().optional(),
    obsIntervalMinutes: z.number().nullable(),
    status: z.string(),
    dischargedAt: instant.nullable(),
    version: count,
    createdAt: instant,
    createdById: z.string().nullable(),
  })
  .partial()
  .required({ mrn: true, name: true });
const patientEdited = patientSnapshot.extend({ changeReason: z.string() });
const patientBeforeDischarge = z.strictObject({ status: z.literal("active"), version: count });
const patientDischarged = z.strictObject({
  status: z.literal("discharged"),
  dischargedAt: instant,
  version: count,
  changeReason: z.string(),
});

// --- Observations and doses -----------------------------------------------------------------
/** An observation re-graded by this write (ALERT-LATE-ENTRY): its version id, bedside time and grades. */
const lateEntryChange = z.strictObject({ id: z.string(), at: z.string(), before: crsGrade, after: crsGrade, text: z.string() });
const lateEntryChanges = z.array(lateEntryChange).optional();

const factVersion = {
  id: z.string(),
  lineageId: z.string(),
  version: count,
  supersedesId: z.string().nullable(),
  status: z.string(),
  changeReason: z.string().nullable(),
  patientId: z.string(),
  effectiveAt: instant,
  recordedAt: instant,
  recordedById: z.string(),
};

/** A stored observation version with every charted value (null = not charted). */
const observationSnapshot = z.strictObject({
  ...factVersion,
  /** OBS-STATUS (absent in events written before it existed). */
  setStatus: z.enum(["charted", "refused", "not_possible"]).optional(),
  statusReason: z.string().nullable().optional(),
  // The plain values, each as its column holds it (lib/facts/charted-values.ts).
  ...chartedAuditSchemas(),
  temperatureC: z.number().nullable(),
  oxygenDevice: z.string(),
  oxygenFlowLpm: z.number().nullable(),
  fio2: z.number().nullable(),
  vasopressorsCharted: z.boolean(),
  // doseUnitsPerMin (vasopressin, rev 2) is absent from events written before it existed.
  vasopressors: z.array(
    z.strictObject({ agent: z.string(), doseMcgKgMin: z.number().nullable(), doseUnitsPerMin: z.number().nullable().optional() }),
  ),
});
const observationWritten = observationSnapshot.extend({
  /** The temperature as typed when it was charted in Fahrenheit (stored in Celsius). */
  temperatureAsCharted: z
    .strictObject({ value: z.number(), unit: z.enum(["C", "F"]) })
    .nullable()
    .optional(),
  gradeAtCharting: crsGrade.nullable(),
  icansGradeAtCharting: icansGrade.nullable().optional(),
  lateEntryChanges,
});

/** A stored dose version. */
const doseSnapshot = z.strictObject({
  ...factVersion,
  drug: z.string(),
  doseMg: z.number(),
  route: z.string(),
  flagsAtCharting: z.string(),
  overrideReason: z.string().nullable(),
  overrideConfirmedById: z.string().nullable(),
});
const doseWritten = doseSnapshot.extend({ lateEntryChanges });
/** A new dose: the demo seed keeps only drug, dose and route. */
const doseCreated = doseWritten
  .extend({ doseNumber: count.nullable() })
  .partial()
  .required({ drug: true, doseMg: true, route: true });
const limitOverride = z.strictObject({
  flags: z.array(z.enum(TOCI_FLAGS)),
  reasons: z.array(z.string()),
  overrideReason: z.string().nullable(),
  confirmedById: z.string().nullable(),
  awaitingPhysicianConfirmation: z.boolean(),
});

// --- Handoffs --------------------------------------------------------------------------------
const handoffSignedOff = z.strictObject({
  patientId: z.string(),
  sheetAt: instant,
  signedAt: instant,
  signedById: z.string(),
  signedByName: z.string(),
  role: z.string(),
  note: z.string().nullable(),
});

// --- Weights and dose confirmations ---------------------------------------------------------
/** A stored weight version (TOCI-WEIGHT). */
const weightSnapshot = z.strictObject({
  id: z.string(),
  lineageId: z.string(),
  version: count,
  supersedesId: z.string().nullable(),
  status: z.string(),
  changeReason: z.string().nullable(),
  patientId: z.string(),
  measuredAt: instant,
  kg: z.number(),
  recordedAt: instant,
  recordedById: z.string(),
});
/** A physician's confirmation of a dose version's limit flags (TOCI-CONFIRM), its own record. */
const doseConfirmed = z.strictObject({
  confirmationId: z.string(),
  patientId: z.string(),
  flags: z.array(z.enum(TOCI_FLAGS)),
  reason: z.string(),
  confirmedAt: instant,
  /** Who charted the dose: unchanged by the confirmation. */
  doseRecordedById: z.string(),
  /**
   * A confirmation carried over from an imported timeline file: who confirmed where the file came
   * from (text: not a user of this hospital) and when; the importing physician vouches for it.
   */
  imported: z.strictObject({ format: z.literal("timeline"), confirmedBy: z.string(), confirmedAt: instant }).optional(),
});

// --- Escalation tasks and paused observations (CLINICAL-RULES.md sections 8-9) ----------------
/** An acknowledgement as stored, with the task as the engine showed it when answered. */
const acknowledged = z.strictObject({
  id: z.string(),
  patientId: z.string(),
  taskId: z.string(),
  taskKind: z.string(),
  at: instant,
  byId: z.string(),
  byName: z.string(),
  role: z.enum(["nurse", "physician"]),
  outcome: z.string(),
  note: z.string().nullable(),
  correctsId: z.string().nullable(),
  changeReason: z.string().nullable(),
  task: z.strictObject({ raisedAt: instant, respondBy: instant, statusBefore: z.string() }),
});
/**
 * An answer given where an imported timeline file came from: its author is not a user of this
 * hospital, so name, role and time are the file's text; byId is the importing user, who recorded it.
 */
const acknowledgementImported = acknowledged.omit({ task: true }).extend({
  imported: z.strictObject({
    format: z.literal("timeline"),
    /** The acknowledgement's and the task's ids in the file (the task is mapped to this chart's facts). */
    fileAcknowledgementId: z.string(),
    fileTaskId: z.string(),
  }),
});
/** A pause version as stored. */
const pauseSnapshot = z.strictObject({
  id: z.string(),
  lineageId: z.string(),
  version: count,
  supersedesId: z.string().nullable(),
  patientId: z.string(),
  fromAt: instant,
  untilAt: instant.nullable(),
  reason: z.string(),
  changeReason: z.string().nullable(),
  recordedAt: instant,
  recordedById: z.string(),
});

// --- Users, sign-in, access, exports --------------------------------------------------------
const userCreated = z.strictObject({ username: z.string(), displayName: z.string(), role: z.string(), active: z.boolean() });
const userActive = z.strictObject({ username: z.string(), active: z.boolean(), sessionsEnded: count.optional() });
const userTemperatureUnit = z.strictObject({ temperatureUnit: z.enum(["C", "F"]) });
/** Where a sign-in came from (lib/http/client-address.ts); older rows have none. */
const clientAddress = z.string().optional();
const signedIn = z.strictObject({ username: z.string(), clientAddress });
const signInFailed = z.strictObject({ username: z.string(), reason: z.literal("rate_limited").optional(), clientAddress });
const denied = z.strictObject({ permission: z.string(), clientAddress });
/** Further refusals of nobody from one address in one window, after the first (which has its own event). */
const deniedRepeated = z.strictObject({ clientAddress: z.string(), windowStart: instant, windowEnd: instant, repeats: count });
/** Sessions ended by a password change or reset (never the password). */
const passwordChanged = z.strictObject({ username: z.string(), sessionsEnded: count });
const passwordReset = z.strictObject({ username: z.string(), sessionsEnded: count, mustChangePassword: z.literal(true) });
const dosingAuditExported = z.strictObject({
  filters: z.record(z.string(), z.string()),
  rows: count,
  doses: count,
  timeZone: z.string(),
});
/** The ward lead's report leaving the app as CSV: which ward and ward days, how many rows. */
const wardReportExported = z.strictObject({
  wardId: z.string(),
  from: z.string(),
  to: z.string(),
  rows: count,
  timeZone: z.string(),
});
/** A patient's or a ward's record leaving the app (FHIR R4 Bundle or the timeline exchange file). */
const recordExported = z.strictObject({
  format: z.enum(["fhir", "timeline"]),
  scope: z.enum(["patient", "ward"]),
  targetId: z.string(),
  patients: count,
  resources: count,
});
/** An upload charted on a patient: each fact has its own create event; this one says which file did it. */
const recordImported = z.strictObject({
  format: z.enum(["fhir", "timeline"]),
  sets: count,
  doses: count,
  /** Exchange files only (absent on older events and FHIR uploads): the other fact kinds stored. */
  missedSets: count.optional(),
  weights: count.optional(),
  pauses: count.optional(),
  acknowledgements: count.optional(),
  /** Dose confirmations carried over from the file (TOCI-CONFIRM, a physician importing). */
  carriedConfirmations: count.optional(),
  skipped: count,
  lateEntries: count,
  regraded: count,
  flaggedDoses: count,
});

// --- Reading (ONC 170.315(d)(2) access events) ------------------------------------------------
/** What was read about one patient. */
/** What was read: the chart, the handoff, the timeline API, and the pages that show the record beside a form (dosing history, charting, weights, record edit). */
export const RECORD_VIEWS = ["chart", "handoff", "timeline_api", "dosing", "chart_form", "weights", "record_edit"] as const;
const recordViewed = z.strictObject({ view: z.enum(RECORD_VIEWS) });
/** A report over many patients or over the trail itself, with the filters it was read with. */
const reportViewed = z.strictObject({ filters: z.record(z.string(), z.string()).optional() });
export const REPORT_IDS = ["audit_log", "dosing_audit", "ward_handoff", "ward_report"] as const;
/** Who looked at a patient's chart as it was at a past instant (ASOF). */
const replayViewed = z.strictObject({ asOf: instant });
/** Who looked at the ward board as it was at a past instant (ASOF), and whose rows it showed. */
const boardReplayViewed = z.strictObject({ asOf: instant, patientIds: z.array(z.string()) });

// --- The union ------------------------------------------------------------------------------
const entityId = z.string().min(1);
/** No payload on this side: an action that keeps none must not carry one. */
const none = z.null().optional();

const event = <A extends string, E extends string, I extends z.ZodType, B extends z.ZodType, F extends z.ZodType>(
  action: A,
  entityType: E,
  id: I,
  before: B,
  after: F,
) =>
  z.object({
    action: z.literal(action),
    entityType: z.literal(entityType),
    entityId: id,
    // A payload may be absent (the demo seed, events of older code); when present it is checked.
    before: before.nullish(),
    after: after.nullish(),
  });

export const auditEventSchema = z.discriminatedUnion("action", [
  event("patient.admit", "patient", entityId, none, fromRecord(patientSnapshot)),
  event("patient.edit", "patient", entityId, fromRecord(patientSnapshot), fromRecord(patientEdited)),
  event("patient.discharge", "patient", entityId, patientBeforeDischarge, patientDischarged),
  event("observation.create", "observation", entityId, none, fromRecord(observationWritten)),
  event("observation.amend", "observation", entityId, fromRecord(observationSnapshot), fromRecord(observationWritten)),
  event("observation.entered_in_error", "observation", entityId, fromRecord(observationSnapshot), fromRecord(observationWritten)),
  event("dose.create", "dose", entityId, none, fromRecord(doseCreated)),
  event("dose.amend", "dose", entityId, fromRecord(doseSnapshot), fromRecord(doseWritten)),
  event("dose.entered_in_error", "dose", entityId, fromRecord(doseSnapshot), fromRecord(doseWritten)),
  event("dose.limit_override", "dose", entityId, none, limitOverride),
  // Before confirmations were records of their own, a confirmation was a new dose version.
  event("dose.override_confirmed", "dose", entityId, fromRecord(doseSnapshot), fromRecord(doseWritten)),
  event("handoff.sign_off", "handoff", entityId, none, handoffSignedOff),
  event("dose.confirm", "dose", entityId, none, doseConfirmed),
  event("weight.create", "weight", entityId, none, fromRecord(weightSnapshot)),
  event("weight.amend", "weight", entityId, fromRecord(weightSnapshot), fromRecord(weightSnapshot)),
  event("weight.entered_in_error", "weight", entityId, fromRecord(weightSnapshot), fromRecord(weightSnapshot)),
  event("task.acknowledge", "acknowledgement", entityId, none, acknowledged),
  event("task.acknowledge_imported", "acknowledgement", entityId, none, acknowledgementImported),
  event("pause.start", "pause", entityId, none, fromRecord(pauseSnapshot)),
  event("pause.end", "pause", entityId, fromRecord(pauseSnapshot), fromRecord(pauseSnapshot)),
  event("user.create", "user", entityId, none, userCreated),
  event("user.deactivate", "user", entityId, userActive, userActive),
  event("user.reactivate", "user", entityId, userActive, userActive),
  // A user's own display choice: °C or °F (temperatures are stored in °C whatever it is).
  event("user.temperature_unit", "user", entityId, userTemperatureUnit, userTemperatureUnit),
  event("auth.login", "user", entityId, none, signedIn),
  event("auth.logout", "user", entityId, none, none),
  // A failed sign-in names the account only when the username exists.
  event("auth.login_failed", "user", z.string().nullable(), none, signInFailed),
  event("auth.denied", "route", entityId, none, denied),
  event("auth.denied_repeated", "route", entityId, none, deniedRepeated),
  event("auth.password_changed", "user", entityId, none, passwordChanged),
  event("auth.password_reset", "user", entityId, none, passwordReset),
  event("export.dosing_audit", "export", entityId, none, dosingAuditExported),
  event("export.ward_report", "export", entityId, none, wardReportExported),
  event("record.viewed", "patient", entityId, none, recordViewed),
  event("report.viewed", "report", z.enum(REPORT_IDS), none, reportViewed),
  event("export.clinical_record", "export", entityId, none, recordExported),
  event("import.clinical_record", "patient", entityId, none, recordImported),
  event("replay.view", "patient", entityId, none, replayViewed),
  // The entity is the ward replayed, or "all" for the board of every ward.
  event("replay.board_view", "ward", entityId, none, boardReplayViewed),
]);

export type AuditEventInput = z.input<typeof auditEventSchema>;
export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditAction = AuditEventInput["action"];

export interface AuditActor {
  id: string | null;
  name: string | null;
  /** The actor's role when acting, kept as text. */
  role: string | null;
}

type AuditWriter = Pick<Tx, "auditEvent">;

export async function recordAudit(tx: AuditWriter, actor: AuditActor, event: AuditEventInput): Promise<void> {
  const parsed = auditEventSchema.parse(event);
  await tx.auditEvent.create({
    data: {
      actorId: actor.id,
      actorName: actor.name,
      role: actor.role,
      action: parsed.action,
      entityType: parsed.entityType,
      entityId: parsed.entityId,
      before: parsed.before ? JSON.stringify(parsed.before) : null,
      after: parsed.after ? JSON.stringify(parsed.after) : null,
    },
  });
}

/** An audit row as stored: payloads as JSON text. */
export interface StoredAuditRow {
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

export type StoredAuditEvent =
  | { valid: true; event: AuditEvent }
  /** Not JSON, or not what its action's schema says today: the text as stored, never hidden. */
  | { valid: false; before: string | null; after: string | null };

const NOT_JSON = Symbol("not JSON");
function jsonOf(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON; // fails every payload schema
  }
}

/** Reads a stored row back through the schema of its action: the same schemas that wrote it. */
export function parseStoredAuditEvent(row: StoredAuditRow): StoredAuditEvent {
  const parsed = auditEventSchema.safeParse({
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: jsonOf(row.before),
    after: jsonOf(row.after),
  });
  return parsed.success ? { valid: true, event: parsed.data } : { valid: false, before: row.before, after: row.after };
}
