// The per-user temperature unit on real SQLite: the change commits with its audit event, every
// signed-in role may choose its own, nobody signed in may not, and a refusal changes nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as audit from "@/lib/audit/events";
import { db } from "@/lib/db";
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/authorize";
import { setTemperatureUnit, temperatureUnitOf } from "./temperature-unit";

vi.mock("@/lib/audit/events", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/audit/events")>();
  return { ...actual, recordAudit: vi.fn(actual.recordAudit) };
});

const staff = {} as Record<Role, CurrentUser>;
beforeAll(async () => {
  for (const role of ROLES) {
    const row = await db.user.create({
      data: { username: `unit-${role}`, displayName: `Unit ${role}`, role, passwordHash: "x" },
    });
    staff[role] = { id: row.id, username: row.username, displayName: row.displayName, role };
  }
});

const unitEvents = (userId: string) =>
  db.auditEvent.findMany({ where: { action: "user.temperature_unit", entityId: userId }, orderBy: { at: "asc" } });

describe("setTemperatureUnit", () => {
  it("starts at °C, remembers °F for this user only, and audits the change with before and after", async () => {
    const nurse = staff.nurse;
    expect(await temperatureUnitOf(nurse)).toBe("C");
    const result = await setTemperatureUnit(nurse, { temperatureUnit: "F" });
    expect(result).toEqual({ ok: true, value: { temperatureUnit: "F", changed: true } });
    expect(await temperatureUnitOf(nurse)).toBe("F");
    expect(await temperatureUnitOf(staff.physician)).toBe("C");
    const events = await unitEvents(nurse.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: nurse.id, role: "nurse", entityType: "user" });
    expect(JSON.parse(events[0]!.before!)).toEqual({ temperatureUnit: "C" });
    expect(JSON.parse(events[0]!.after!)).toEqual({ temperatureUnit: "F" });
  });

  it("choosing the unit already chosen writes and audits nothing", async () => {
    const physician = staff.physician;
    const result = await setTemperatureUnit(physician, { temperatureUnit: "C" });
    expect(result).toEqual({ ok: true, value: { temperatureUnit: "C", changed: false } });
    expect(await unitEvents(physician.id)).toHaveLength(0);
  });

  it.each(ROLES)("a %s may choose their own unit", async (role) => {
    const result = await setTemperatureUnit(staff[role], { temperatureUnit: "F" });
    expect(result.ok).toBe(true);
    expect(await temperatureUnitOf(staff[role])).toBe("F");
    await setTemperatureUnit(staff[role], { temperatureUnit: "C" });
    expect(await temperatureUnitOf(staff[role])).toBe("C");
  });

  it.each([
    [{ temperatureUnit: "K" }, "temperatureUnit", /C \(°C\) or F \(°F\)/],
    [{ temperatureUnit: "F", userId: "someone-else" }, "userId", /not a display setting/],
    [null, "(input)", /Choose °C or °F/],
  ])("refuses %j, names the field and changes nothing", async (input, path, message) => {
    const pharmacist = staff.pharmacist;
    const result = await setTemperatureUnit(pharmacist, input);
    expect(result).toMatchObject({ ok: false, kind: "invalid" });
    if (result.ok) return;
    const error = result.fieldErrors?.find((e) => e.path === path);
    expect(error?.message).toMatch(message);
    expect(await temperatureUnitOf(pharmacist)).toBe("C");
  });

  it("answers 401 to nobody and audits the denial", async () => {
    const result = await setTemperatureUnit(null, { temperatureUnit: "F" });
    expect(result).toMatchObject({ ok: false, kind: "unauthenticated" });
    const denied = await db.auditEvent.findFirst({ where: { action: "auth.denied", entityId: "setTemperatureUnit" } });
    expect(denied).not.toBeNull();
  });

  it("changes nothing when its audit event cannot be written (one transaction)", async () => {
    const auditor = staff.auditor;
    const before = (await unitEvents(auditor.id)).length;
    vi.mocked(audit.recordAudit).mockRejectedValueOnce(new Error("audit store unavailable"));
    await expect(setTemperatureUnit(auditor, { temperatureUnit: "F" })).rejects.toThrow("audit store unavailable");
    expect(await temperatureUnitOf(auditor)).toBe("C");
    expect(await unitEvents(auditor.id)).toHaveLength(before);
  });
});
