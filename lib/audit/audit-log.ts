// The audit log read: every event, newest first, filtered by action / actor / entity, paged by a
// cursor (the last event shown) so that events arriving while someone reads never shift a page.
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEventSchema, parseStoredAuditEvent, type StoredAuditRow } from "@/lib/audit/events";
import { describeIssues, type FieldIssue } from "@/lib/engine/validation";

export const AUDIT_LOG_PAGE_SIZE = 50;

export const AUDIT_ACTIONS: readonly string[] = auditEventSchema.options.map((o) => o.shape.action.value).sort();
export const AUDIT_ENTITY_TYPES: readonly string[] = [
  ...new Set(auditEventSchema.options.map((o) => o.shape.entityType.value)),
].sort();

/** Actor filter value for events with no signed-in actor (failed sign-ins, refusals of nobody). */
export const NO_ACTOR = "none";

const blank = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? (first.trim() === "" ? undefined : first.trim()) : first;
};
const optionalText = (what: string, max = 200) =>
  z.preprocess(
    blank,
    z
      .string({ error: `${what} must be text` })
      .max(max, `${what} must be at most ${max} characters`)
      .optional(),
  );

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(.+)$/;

export const auditLogFilterSchema = z.object({
  action: z.preprocess(
    blank,
    z.enum(AUDIT_ACTIONS as [string, ...string[]], { error: "Action is not one the audit log records" }).optional(),
  ),
  actor: optionalText("Actor", 100),
  entityType: z.preprocess(
    blank,
    z.enum(AUDIT_ENTITY_TYPES as [string, ...string[]], { error: "Entity type is not one the audit log records" }).optional(),
  ),
  entityId: optionalText("Entity id"),
  // Every event about one patient: the patient's own, and those of their observations and doses.
  patient: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, "Patient is not one the ward knows")
      .optional(),
  ),
  before: z.preprocess(blank, z.string().regex(CURSOR, "Page link is not valid: start again from the first page").optional()),
});
export type AuditLogFilters = z.output<typeof auditLogFilterSchema>;

export function parseAuditLogFilters(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): { ok: true; filters: AuditLogFilters } | { ok: false; fieldErrors: FieldIssue[] } {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params.entries()) : params;
  const parsed = auditLogFilterSchema.safeParse(raw);
  return parsed.success ? { ok: true, filters: parsed.data } : { ok: false, fieldErrors: describeIssues(parsed.error) };
}

export interface AuditLogEntry {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  /**
   * true: the payloads were read through their action's schema (the one that wrote them).
   * false: the row does not match that schema (written by older code, or not JSON): it is shown
   * as stored, never hidden.
   */
  checked: boolean;
}

/** An unchecked payload for display: its JSON when it is JSON, else the text itself. */
function asStored(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function payloadsOf(row: StoredAuditRow): Pick<AuditLogEntry, "before" | "after" | "checked"> {
  const stored = parseStoredAuditEvent(row);
  return stored.valid
    ? { before: stored.event.before ?? null, after: stored.event.after ?? null, checked: true }
    : { before: asStored(stored.before), after: asStored(stored.after), checked: false };
}

export async function auditLog(
  filters: AuditLogFilters,
  pageSize = AUDIT_LOG_PAGE_SIZE,
): Promise<{ entries: AuditLogEntry[]; nextCursor: string | null }> {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filters.action) where.push({ action: filters.action });
  if (filters.actor === NO_ACTOR) where.push({ actorId: null });
  else if (filters.actor) where.push({ actorId: filters.actor });
  if (filters.entityType) where.push({ entityType: filters.entityType });
  if (filters.entityId) where.push({ entityId: filters.entityId });
  if (filters.patient) {
    // Any event naming the patient: a fact's snapshot (patientId), a patient export (targetId), a
    // board replay that showed it (patientIds). The id is checked to be plain letters and digits,
    // so as a quoted JSON string it matches a whole value, never part of another id.
    const mention = `"${filters.patient}"`;
    where.push({
      OR: [
        { entityType: "patient", entityId: filters.patient },
        { after: { contains: mention } },
        { before: { contains: mention } },
      ],
    });
  }
  if (filters.before) {
    const [, at, id] = CURSOR.exec(filters.before) ?? [];
    if (at === undefined || id === undefined) throw new Error(`Page cursor is not valid: "${filters.before}"`);
    const atDate = new Date(at);
    where.push({ OR: [{ at: { lt: atDate } }, { at: atDate, id: { lt: id } }] });
  }
  const rows = await db.auditEvent.findMany({
    where: { AND: where },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({ ...r, ...payloadsOf(r) })),
    nextCursor: rows.length > pageSize && last ? `${last.at.toISOString()}_${last.id}` : null,
  };
}

/** Everyone who has ever acted, for the actor filter (deactivated users included: their events stay). */
export function auditActors(): Promise<{ id: string; displayName: string; username: string }[]> {
  return db.user.findMany({ select: { id: true, displayName: true, username: true }, orderBy: { displayName: "asc" } });
}

/** Every patient, for the patient filter (discharged ones included: their events stay). */
export function auditPatients(): Promise<{ id: string; name: string; mrn: string }[]> {
  return db.patient.findMany({ select: { id: true, name: true, mrn: true }, orderBy: { name: "asc" } });
}
