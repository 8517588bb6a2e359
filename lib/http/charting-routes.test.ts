// The JSON route handlers, called as Next.js calls them (a Request and async params), with the
// session cookie replaced by a chosen user: they parse safely, map results to HTTP, never 5xx on input.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { formKey, testWard, type TestWard } from "@/lib/timeline/test-ward";
import { POST as admit } from "@/app/api/patients/route";
import { GET as timeline } from "@/app/api/patients/[id]/timeline/route";
import { POST as chartObservation } from "@/app/api/patients/[id]/observations/route";
import { POST as chartDose } from "@/app/api/patients/[id]/doses/route";
import { POST as previewDose } from "@/app/api/patients/[id]/doses/preview/route";
import { POST as amendObservation } from "@/app/api/observations/[versionId]/amend/route";
import { POST as observationInError } from "@/app/api/observations/[versionId]/entered-in-error/route";
import { POST as amendDose } from "@/app/api/doses/[versionId]/amend/route";
import { POST as doseInError } from "@/app/api/doses/[versionId]/entered-in-error/route";
import { POST as confirmOverride } from "@/app/api/doses/[versionId]/confirm-override/route";

import { writeTransaction } from "@/lib/db";
import { startSession } from "@/lib/auth/sessions";

const session = vi.hoisted(() => ({ sessionId: undefined as string | undefined }));
vi.mock("@/lib/auth/session", () => ({ getSession: async () => ({ sessionId: session.sessionId }) }));

let ward: TestWard;
const sessions = {} as Record<keyof TestWard["users"], string>;
beforeAll(async () => {
  ward = await testWard();
  for (const [role, user] of Object.entries(ward.users)) {
    sessions[role as keyof TestWard["users"]] = await writeTransaction((tx) => startSession(tx, user.id, new Date()));
  }
});

const signIn = (role: keyof TestWard["users"] | null) => {
  session.sessionId = role ? sessions[role] : undefined;
};

function post(body: unknown, raw?: string): Request {
  return new Request("http://localhost/api/x", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ?? JSON.stringify(body),
  });
}

const params = <K extends string>(key: K, value: string) => ({ params: Promise.resolve({ [key]: value } as Record<K, string>) });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe("charting routes", () => {
  it("charts an observation (201), reads it back in the timeline, amends and voids it", async () => {
    signIn("nurse");
    const charted = await chartObservation(
      post({ idempotencyKey: formKey(), effectiveAt: minutesAgo(30), temperature: 38.4 }),
      params("id", ward.patientId),
    );
    expect(charted.status).toBe(201);
    const { observationId, grade } = await charted.json();
    expect(grade.grade).toBe(1);

    const read = await timeline(new Request("http://localhost/api"), params("id", ward.patientId));
    expect(read.status).toBe(200);
    const body = await read.json();
    expect(body.observations.map((o: { id: string }) => o.id)).toEqual([observationId]);
    expect(body.graded.currentGrade).toBe(1);
    expect(body.engineInput).toBeUndefined();

    const amended = await amendObservation(
      post({ idempotencyKey: formKey(), effectiveAt: minutesAgo(30), temperature: 37.4, reason: "Recheck" }),
      params("versionId", observationId),
    );
    expect(amended.status).toBe(201);
    const stale = await amendObservation(
      post({ idempotencyKey: formKey(), effectiveAt: minutesAgo(30), temperature: 37.5, reason: "Again" }),
      params("versionId", observationId),
    );
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatch(/since you opened it/);
    const voided = await observationInError(
      post({ reason: "Wrong patient" }),
      params("versionId", (await amended.json()).observationId),
    );
    expect(voided.status).toBe(201);
  });

  it("answers 400 naming the fields, 400 for bad JSON and 413 for a huge body, never 5xx", async () => {
    signIn("nurse");
    const wrong = await chartObservation(
      post({ idempotencyKey: formKey(), effectiveAt: minutesAgo(5), temperature: 450 }),
      params("id", ward.patientId),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({
      error: "temperature: 450 °C is outside 25-45 °C",
      fieldErrors: [{ path: "temperature", message: "450 °C is outside 25-45 °C" }],
    });
    for (const raw of ["{", "nul", "[1,", "\u0000"]) {
      expect((await chartObservation(post(null, raw), params("id", ward.patientId))).status).toBe(400);
    }
    expect((await chartObservation(post(null, ""), params("id", ward.patientId))).status).toBe(400);
    expect(
      (await chartObservation(post(null, JSON.stringify({ note: "x".repeat(300_000) })), params("id", ward.patientId))).status,
    ).toBe(413);
    for (const body of [null, 1, "text", [], { idempotencyKey: {} }]) {
      for (const route of [chartDose, previewDose])
        expect((await route(post(body), params("id", ward.patientId))).status).toBe(400);
      for (const route of [amendObservation, observationInError, amendDose, doseInError, confirmOverride]) {
        expect((await route(post(body), params("versionId", "some-version"))).status).toBeLessThan(500);
      }
    }
    expect(await db.observation.count({ where: { patientId: ward.patientId, temperatureC: 450 } })).toBe(0);
  });

  it("answers 401 signed out, 403 for the wrong role, 404 for an unknown patient", async () => {
    signIn(null);
    expect((await chartObservation(post({}), params("id", ward.patientId))).status).toBe(401);
    expect((await timeline(new Request("http://localhost/api"), params("id", ward.patientId))).status).toBe(401);
    signIn("admin");
    expect((await timeline(new Request("http://localhost/api"), params("id", ward.patientId))).status).toBe(403);
    signIn("pharmacist");
    const forbidden = await chartObservation(
      post({ idempotencyKey: formKey(), effectiveAt: minutesAgo(5), heartRate: 80 }),
      params("id", ward.patientId),
    );
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatch(/pharmacist/);
    signIn("nurse");
    expect((await timeline(new Request("http://localhost/api"), params("id", "no-such-patient"))).status).toBe(404);
    expect(
      (
        await chartObservation(
          post({ idempotencyKey: formKey(), effectiveAt: minutesAgo(5), heartRate: 80 }),
          params("id", "no-such-patient"),
        )
      ).status,
    ).toBe(404);
  });

  it("charts doses: 409 with the conflict until confirmed, then a physician confirms the override", async () => {
    signIn("nurse");
    const dose = (extra: Record<string, unknown>) =>
      post({ idempotencyKey: formKey(), drug: "tocilizumab", doseMg: 560, route: "IV", ...extra });
    expect((await chartDose(dose({ effectiveAt: minutesAgo(300) }), params("id", ward.patientId))).status).toBe(201);
    const preview = await previewDose(dose({ effectiveAt: minutesAgo(60) }), params("id", ward.patientId));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({
      flags: ["TOCI_INTERVAL_UNDER_8H"],
      doseNumber: 2,
      calculation: "8 mg/kg × 70 kg = 560 mg (TOCI-DOSE)",
    });
    const refused = await chartDose(dose({ effectiveAt: minutesAgo(60) }), params("id", ward.patientId));
    expect(refused.status).toBe(409);
    expect((await refused.json()).conflict).toMatchObject({ flags: ["TOCI_INTERVAL_UNDER_8H"] });
    const charted = await chartDose(
      dose({ effectiveAt: minutesAgo(60), confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"], overrideReason: "Consultant" }),
      params("id", ward.patientId),
    );
    expect(charted.status).toBe(201);
    const { doseId } = await charted.json();
    const confirmation = { flags: ["TOCI_INTERVAL_UNDER_8H"], reason: "Agreed" };
    expect((await confirmOverride(post(confirmation), params("versionId", doseId))).status).toBe(403);
    signIn("physician");
    expect((await confirmOverride(post({ reason: "Agreed" }), params("versionId", doseId))).status).toBe(400);
    const confirmed = await confirmOverride(post(confirmation), params("versionId", doseId));
    expect(confirmed.status).toBe(201);
    expect(await confirmed.json()).toMatchObject({ doseId, flags: ["TOCI_INTERVAL_UNDER_8H"] });
    const amended = await amendDose(
      dose({
        effectiveAt: minutesAgo(60),
        doseMg: 500,
        reason: "500 mg given",
        confirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
        overrideReason: "Consultant",
      }),
      params("versionId", doseId),
    );
    expect(amended.status).toBe(201);
    expect((await doseInError(post({ reason: "Not given" }), params("versionId", (await amended.json()).doseId))).status).toBe(
      201,
    );
  });

  it("admits a patient (201) as a physician and refuses a duplicate MRN (409)", async () => {
    signIn("physician");
    const form = {
      mrn: "ROUTE1",
      name: "Rae Route",
      birthDate: "1970-01-01",
      sex: "unknown",
      weightKg: 70,
      weightMeasuredAt: minutesAgo(60),
      wardId: "ward-test",
      bed: "R1",
      product: "tisagenlecleucel",
      therapy: "car_t",
      infusionAt: minutesAgo(60),
    };
    const admitted = await admit(post(form));
    expect(admitted.status).toBe(201);
    expect(await admitted.json()).toEqual({ id: expect.any(String) });
    const again = await admit(post(form));
    expect(again.status).toBe(409);
    expect((await again.json()).fieldErrors).toEqual([expect.objectContaining({ path: "mrn" })]);
  });

  it("answers 422 to a submission key reused for a different entry (nothing stored), and replays the same entry", async () => {
    signIn("nurse");
    const key = formKey();
    const given = { idempotencyKey: key, drug: "acetaminophen", doseMg: "1000", route: "PO", effectiveAt: minutesAgo(20) };
    const first = await chartDose(post(given), params("id", ward.patientId));
    expect(first.status).toBe(201);
    const { doseId } = await first.json();
    const again = await chartDose(post(given), params("id", ward.patientId));
    expect(again.status).toBe(201);
    expect((await again.json()).doseId).toBe(doseId);
    const doses = await db.medicationAdministration.count({ where: { patientId: ward.patientId } });
    const different = await chartDose(
      post({ ...given, drug: "tocilizumab", doseMg: "560", route: "IV" }),
      params("id", ward.patientId),
    );
    expect(different.status).toBe(422);
    expect(await different.json()).toEqual({ error: "This submission key was already used for a different entry." });
    expect(await db.medicationAdministration.count({ where: { patientId: ward.patientId } })).toBe(doses);
    const observation = await chartObservation(
      post({ idempotencyKey: key, effectiveAt: minutesAgo(20), heartRate: 80 }),
      params("id", ward.patientId),
    );
    expect(observation.status).toBe(422);
  });
});
