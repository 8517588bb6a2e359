// Names for the ids an audit page shows: users by their display name, patients by name and MRN,
// an observation or dose by what it is and whose. Three queries for a whole page of events.
// Ids that name nothing (a deleted test row, a route) are left as they are.
import { db } from "@/lib/db";
import type { AuditLogEntry } from "@/lib/audit/audit-log";

/** Payload fields that hold a user's id, and those that hold a patient's. */
const USER_FIELDS = new Set(["recordedById", "createdById", "overrideConfirmedById", "confirmedById"]);
const PATIENT_FIELDS = new Set(["patientId"]);

function payloadIds(payload: unknown, fields: Set<string>, into: Set<string>) {
  if (typeof payload !== "object" || payload === null) return;
  for (const [key, value] of Object.entries(payload)) if (fields.has(key) && typeof value === "string") into.add(value);
}

export async function auditNames(entries: readonly AuditLogEntry[]): Promise<Map<string, string>> {
  const users = new Set<string>();
  const patients = new Set<string>();
  const facts = new Set<string>();
  for (const e of entries) {
    if (e.actorId) users.add(e.actorId);
    if (e.entityId && e.entityType === "user") users.add(e.entityId);
    if (e.entityId && e.entityType === "patient") patients.add(e.entityId);
    if (e.entityId && (e.entityType === "observation" || e.entityType === "dose")) facts.add(e.entityId);
    for (const payload of [e.before, e.after]) {
      payloadIds(payload, USER_FIELDS, users);
      payloadIds(payload, PATIENT_FIELDS, patients);
    }
  }
  const ids = [...facts];
  const [observations, doses] = await Promise.all([
    db.observation.findMany({ where: { id: { in: ids } }, select: { id: true, patientId: true } }),
    db.medicationAdministration.findMany({ where: { id: { in: ids } }, select: { id: true, patientId: true, drug: true } }),
  ]);
  for (const row of [...observations, ...doses]) patients.add(row.patientId);
  const [userRows, patientRows] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...users] } }, select: { id: true, displayName: true, username: true } }),
    db.patient.findMany({ where: { id: { in: [...patients] } }, select: { id: true, name: true, mrn: true } }),
  ]);
  const names = new Map<string, string>();
  for (const u of userRows) names.set(u.id, `${u.displayName} (${u.username})`);
  for (const p of patientRows) names.set(p.id, `${p.name} (MRN ${p.mrn})`);
  for (const o of observations) names.set(o.id, `observation of ${names.get(o.patientId) ?? "an unknown patient"}`);
  for (const d of doses) names.set(d.id, `${d.drug} dose of ${names.get(d.patientId) ?? "an unknown patient"}`);
  return names;
}
