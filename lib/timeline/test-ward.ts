// Test fixture for the charting integration tests: one user per role, a ward and a patient, in the
// test file's own SQLite database (tests/setup-database.ts). Not imported by the app.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/authorize";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

export const WARD_ID = "ward-test";

export interface TestWard {
  users: Record<Role, CurrentUser>;
  patientId: string;
}

let counter = 0;

/** Users (once per database) and a fresh patient each call: 70 kg, infused 2 days before `infusionBefore`. */
export async function testWard(options: { infusionAt?: Date; weightKg?: number; bed?: string } = {}): Promise<TestWard> {
  counter++;
  await db.ward.upsert({
    where: { id: WARD_ID },
    update: {},
    create: { id: WARD_ID, name: "Test ward", timeZone: "Europe/London" },
  });
  const users = {} as Record<Role, CurrentUser>;
  for (const role of ROLES) {
    const username = `test.${role}`;
    const row = await db.user.upsert({
      where: { username },
      update: {},
      create: { username, displayName: `Test ${role}`, role, passwordHash: "not-a-real-hash" },
    });
    users[role] = { id: row.id, username, displayName: row.displayName, role };
  }
  const patient = await db.patient.create({
    data: {
      mrn: `TEST${counter}${randomUUID().slice(0, 6)}`,
      name: `Patient ${counter}`,
      birthDate: "1970-01-01",
      sex: "female",
      weightKg: options.weightKg ?? 70,
      weightMeasuredAt: new Date("2026-02-27T08:00:00Z"),
      wardId: WARD_ID,
      bed: options.bed ?? `B-${counter}`,
      product: "axicabtagene ciloleucel",
      therapy: "car_t",
      infusionAt: options.infusionAt ?? new Date("2026-02-27T10:00:00Z"),
    },
  });
  return { users, patientId: patient.id };
}

/** A fresh form submission key, as the form generates when it opens. */
export function formKey(): string {
  return randomUUID();
}

export async function auditActions(entityId: string): Promise<string[]> {
  const events = await db.auditEvent.findMany({
    where: { entityId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { action: true },
  });
  return events.map((event) => event.action);
}

export async function deniedEvents(site: string): Promise<number> {
  return db.auditEvent.count({ where: { action: "auth.denied", entityId: site } });
}
