// Audit events, typed by a discriminated union: each action names the entity it concerns.
// `recordAudit` takes the transaction of the change it records, so the change and its audit
// row commit together or not at all (never "best effort").
import { z } from "zod";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/auth/permissions";

const snapshot = z.record(z.string(), z.unknown()).nullable().optional();

const entityEvent = <A extends string, E extends string>(action: A, entityType: E) =>
  z.object({
    action: z.literal(action),
    entityType: z.literal(entityType),
    entityId: z.string().min(1),
    before: snapshot,
    after: snapshot,
  });

export const auditEventSchema = z.discriminatedUnion("action", [
  entityEvent("patient.admit", "patient"),
  entityEvent("patient.edit", "patient"),
  entityEvent("patient.discharge", "patient"),
  entityEvent("observation.create", "observation"),
  entityEvent("observation.amend", "observation"),
  entityEvent("observation.entered_in_error", "observation"),
  entityEvent("dose.create", "dose"),
  entityEvent("dose.amend", "dose"),
  entityEvent("dose.entered_in_error", "dose"),
  entityEvent("dose.limit_override", "dose"),
  entityEvent("dose.override_confirmed", "dose"),
  entityEvent("user.create", "user"),
  entityEvent("user.deactivate", "user"),
  entityEvent("user.reactivate", "user"),
  entityEvent("auth.login", "user"),
  entityEvent("auth.logout", "user"),
  z.object({
    action: z.literal("auth.login_failed"),
    entityType: z.literal("user"),
    entityId: z.string().nullable(),
    before: snapshot,
    after: snapshot,
  }),
  z.object({
    action: z.literal("auth.denied"),
    entityType: z.literal("route"),
    entityId: z.string().min(1),
    before: snapshot,
    after: snapshot,
  }),
  z.object({
    action: z.literal("export.dosing_audit"),
    entityType: z.literal("export"),
    entityId: z.string().min(1),
    before: snapshot,
    after: snapshot,
  }),
]);

export type AuditEventInput = z.input<typeof auditEventSchema>;
export type AuditAction = AuditEventInput["action"];

export interface AuditActor {
  id: string | null;
  name: string | null;
  role: Role | null;
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
