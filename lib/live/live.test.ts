// The live stream's server side on a real database (SQLite, and PostgreSQL with
// `npm run test:postgres -- lib/live`): every committed clinical write is one feed event with an
// id that only grows; subscribers receive each once, in order; a subscriber that names the last
// id it saw gets what it missed; and a write committed by another connection (another instance)
// wakes subscribers: through LISTEN/NOTIFY on PostgreSQL, through the safety poll on SQLite.
import { describe, it, expect, vi, afterEach } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { db, store, type Tx } from "@/lib/db";
import { connectPostgres } from "@/lib/db-postgres";
import { databaseUrl, sqliteFileFromUrl } from "@/lib/db-url";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { recordObservation } from "@/lib/observations/record-observation";
import { admitPatient } from "@/lib/patients/admit-patient";
import { formKey, testWard, WARD_ID } from "@/lib/timeline/test-ward";
import {
  changesAfter,
  latestChangeId,
  parseEventId,
  recordClinicalChange,
  type ClinicalChangeEvent,
} from "@/lib/live/change-feed";
import { subscribeToChanges } from "@/lib/live/change-hub";
import { changeEventStream } from "@/lib/live/event-stream";

// PostgreSQL: a poll too slow to matter, so only NOTIFY can deliver another instance's write in time.
// SQLite (one process per file, no NOTIFY): the safety poll is what catches another process's write.
vi.hoisted(() => {
  process.env.LIVE_POLL_MS = process.env.TEST_DATABASE?.startsWith("postgres") ? "60000" : "200";
});

const NOW = new Date("2026-03-01T12:00:00Z");
const at = (hhmm: string) => `2026-03-01T${hhmm}:00Z`;
const chart = (patientId: string, users: Awaited<ReturnType<typeof testWard>>["users"], hhmm: string, key = formKey()) =>
  recordObservation(users.nurse, patientId, { idempotencyKey: key, effectiveAt: at(hhmm), temperature: "38.1" }, NOW);

/** Collects delivered events; `until(n)` resolves once n have arrived (or fails after `ms`). */
function collector() {
  const events: ClinicalChangeEvent[] = [];
  let waiting: { count: number; resolve: () => void } | null = null;
  return {
    events,
    deliver: (batch: ClinicalChangeEvent[]) => {
      events.push(...batch);
      if (waiting && events.length >= waiting.count) waiting.resolve();
    },
    until: (count: number, ms = 2_000) =>
      new Promise<void>((resolve, reject) => {
        if (events.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`${events.length} of ${count} events after ${ms} ms`)), ms);
        waiting = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      }),
  };
}

/** A second database client, as another app instance (or process) would have: not this process's hub. */
function otherInstance(): { client: PrismaClient; close: () => Promise<void> } {
  const client =
    store === "postgresql"
      ? (connectPostgres(databaseUrl()) as unknown as PrismaClient)
      : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFileFromUrl(databaseUrl()), timeout: 10_000 }) });
  return { client, close: () => client.$disconnect() };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((stop) => stop()));

describe("the clinical change feed", () => {
  it("records one event per committed write, ids only growing, none for a refused write or a repeated submit", async () => {
    const { users, patientId } = await testWard();
    const before = await latestChangeId();
    const key = formKey();
    expect((await chart(patientId, users, "10:00", key)).ok).toBe(true);
    expect((await chart(patientId, users, "10:00", key)).ok).toBe(true); // the same form twice: one fact
    expect(
      (await recordObservation(users.nurse, patientId, { idempotencyKey: formKey(), effectiveAt: at("10:30") }, NOW)).ok,
    ).toBe(false); // nothing charted: refused
    expect(
      (
        await recordObservation(
          users.auditor,
          patientId,
          { idempotencyKey: formKey(), effectiveAt: at("10:30"), temperature: "37" },
          NOW,
        )
      ).ok,
    ).toBe(false);
    expect((await chart(patientId, users, "11:00")).ok).toBe(true);
    const admitted = await admitPatient(
      users.physician,
      {
        mrn: "LIVE0001",
        name: "Live Test",
        birthDate: "1960-05-01",
        sex: "male",
        weightKg: "80",
        weightMeasuredAt: at("08:00"),
        wardId: WARD_ID,
        bed: "L-1",
        product: "axicabtagene ciloleucel",
        therapy: "car_t",
        infusionAt: at("09:00"),
      },
      NOW,
    );
    expect(admitted.ok, JSON.stringify(admitted)).toBe(true);
    if (!admitted.ok) return;

    const events = await changesAfter(before);
    expect(events.map((e) => [e.patientId, e.kind])).toEqual([
      [patientId, "observation.create"],
      [patientId, "observation.create"],
      [admitted.value.id, "patient.admit"],
    ]);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(3);
    expect(await latestChangeId()).toBe(ids[2]);
    // Evidence: the feed is append-only in the database too.
    await expect(db.clinicalChange.delete({ where: { id: ids[0]! } })).rejects.toThrow(/append-only/);
  });

  it("reads Last-Event-ID values strictly", () => {
    expect(parseEventId("42")).toBe(42);
    expect(parseEventId(" 7 ")).toBe(7);
    for (const bad of [null, "", "-1", "4.2", "1e3", "abc", "9".repeat(16)]) expect(parseEventId(bad)).toBeNull();
  });
});

describe("subscribing to changes", () => {
  it("delivers each later write once, in order, and resumes after the last id seen without loss or repeats", async () => {
    const { users, patientId } = await testWard();
    const first = collector();
    cleanups.push(await subscribeToChanges(null, first.deliver));
    for (const hhmm of ["09:00", "09:15", "09:30"]) expect((await chart(patientId, users, hhmm)).ok).toBe(true);
    await first.until(3);
    expect(first.events.map((e) => e.patientId)).toEqual([patientId, patientId, patientId]);

    // The connection drops after the second event; two more writes happen while it is down.
    const lastSeen = first.events[1]!.id;
    cleanups.splice(0).forEach((stop) => stop());
    for (const hhmm of ["09:45", "10:00"]) expect((await chart(patientId, users, hhmm)).ok).toBe(true);
    const resumed = collector();
    cleanups.push(await subscribeToChanges(lastSeen, resumed.deliver));
    expect((await chart(patientId, users, "10:15")).ok).toBe(true);
    await resumed.until(4);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more should come
    const all = await changesAfter(first.events[0]!.id - 1);
    expect(all).toHaveLength(6);
    expect(resumed.events).toEqual(all.slice(2));
  });

  it("under 30 concurrent writes for 5 patients, a subscriber receives exactly the committed feed, in id order", async () => {
    const wards = await Promise.all([1, 2, 3, 4, 5].map(() => testWard()));
    const seen = collector();
    cleanups.push(await subscribeToChanges(null, seen.deliver));
    const start = await latestChangeId();
    const writes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const ward = wards[i % 5]!;
        return chart(ward.patientId, ward.users, `0${Math.floor(i / 5)}:${String((i % 5) * 10).padStart(2, "0")}`);
      }),
    );
    expect(writes.every((w) => w.ok)).toBe(true);
    await seen.until(30);
    const committed = await changesAfter(start);
    expect(seen.events).toEqual(committed);
    expect(seen.events.map((e) => e.id)).toEqual([...seen.events.map((e) => e.id)].sort((a, b) => a - b));
  });

  it(`wakes on a write committed by another instance within 2 s (${store === "postgresql" ? "LISTEN/NOTIFY" : "the safety poll"})`, async () => {
    const { patientId } = await testWard();
    const seen = collector();
    cleanups.push(await subscribeToChanges(null, seen.deliver));
    const other = otherInstance();
    try {
      const started = Date.now();
      const id = await other.client.$transaction((tx) => recordClinicalChange(tx as unknown as Tx, patientId, "dose.record"));
      await seen.until(1, 2_000);
      expect(seen.events).toEqual([{ id, patientId, kind: "dose.record" }]);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await other.close();
    }
  });
});

describe("the event stream", () => {
  it("sends SSE change events with ids (ids and kinds only), resuming after the given id", async () => {
    const { users, patientId } = await testWard();
    expect((await chart(patientId, users, "08:00")).ok).toBe(true);
    const after = await latestChangeId();
    expect((await chart(patientId, users, "08:10")).ok).toBe(true); // before the stream opens: resumed
    const abort = new AbortController();
    const reader = changeEventStream(after, abort.signal, { heartbeatMs: 50 }).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil(/event: change/);
    expect((await chart(patientId, users, "08:20")).ok).toBe(true); // while it is open: live
    await readUntil(/(event: change[\s\S]*){2}/);
    await readUntil(/: still here/);
    abort.abort();
    const blocks = text.split("\n\n").filter((block) => block.includes("event: change"));
    const ids = blocks.map((block) => Number(/^id: (\d+)$/m.exec(block)![1]));
    expect(ids).toEqual([after + 1, after + 2]);
    for (const [index, block] of blocks.entries()) {
      expect(JSON.parse(/^data: (.*)$/m.exec(block)![1]!)).toEqual({ id: ids[index], patientId, kind: "observation.create" });
    }
    expect(text.startsWith("retry: 1000\n\n")).toBe(true);
  });
});
