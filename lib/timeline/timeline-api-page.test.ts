// The timeline API's window and pages, on real SQLite: three days of sets every 15 minutes, one of
// them entered in error. The default answer is the last 24 h, newest page first; walking the pages
// of 'all' gives back every observation once, graded as the whole timeline graded it.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadPatientTimeline, type PatientTimeline } from "@/lib/timeline/load-timeline";
import { testWard, type TestWard } from "@/lib/timeline/test-ward";
import { API_PAGE_SIZE, observationPage, pageLinks, parsePageNumber } from "./observation-page";
import { timelineApiPage, type TimelineApiPage } from "./timeline-api-page";

const NOW = new Date("2026-03-01T12:00:00Z");
const MINUTE = 60_000;
const SETS = 3 * 24 * 4; // three days, every 15 minutes
const PATH = "/api/patients/x/timeline";

let ward: TestWard;
let timeline: PatientTimeline;
let inErrorId: string;

beforeAll(async () => {
  ward = await testWard({ infusionAt: new Date("2026-02-25T10:00:00Z") });
  const start = NOW.getTime() - SETS * 15 * MINUTE;
  const rows = Array.from({ length: SETS }, (_, i) => {
    const id = randomUUID();
    const at = start + (i + 1) * 15 * MINUTE;
    const febrile = i >= 100 && i < 140;
    return {
      id,
      lineageId: id,
      version: 1,
      patientId: ward.patientId,
      effectiveAt: new Date(at),
      recordedAt: new Date(at + 2 * MINUTE),
      recordedById: ward.users.nurse.id,
      temperatureC: febrile ? 38.7 : 36.8,
      heartRate: 80,
      systolicBP: 120,
      diastolicBP: 75,
      spo2: 97,
      oxygenDevice: "room_air",
      vasopressorsCharted: true,
    };
  });
  await db.observation.createMany({ data: rows });
  // The set 2 h before now was charted on the wrong patient: entered in error (a new version).
  const wrong = rows[SETS - 8]!;
  inErrorId = randomUUID();
  await db.observation.create({
    data: {
      ...wrong,
      id: inErrorId,
      version: 2,
      supersedesId: wrong.id,
      status: "entered_in_error",
      changeReason: "Wrong patient",
      recordedAt: new Date(NOW.getTime() - MINUTE),
    },
  });
  timeline = (await loadPatientTimeline(ward.patientId, NOW))!;
});

const page = (window: string | null, n: string | null) => timelineApiPage(timeline, { window, page: n }, PATH);

describe("the timeline API's default answer", () => {
  it("is the newest page of the last 24 h, with the engine's summary whole", () => {
    const first = page(null, null);
    expect(first.window).toEqual({
      name: "24h",
      from: new Date(NOW.getTime() - 24 * 60 * MINUTE).toISOString(),
      to: new Date(NOW.getTime() + 60 * MINUTE).toISOString(),
    });
    // 24 h of sets every 15 min (the one exactly 24 h back included), the one in error among them.
    expect(first.page).toEqual({
      number: 1,
      size: API_PAGE_SIZE,
      observations: 97,
      pages: 2,
      newer: null,
      older: `${PATH}?window=24h&page=2`,
    });
    const shown = [...first.observations, ...first.enteredInError.observations];
    expect(shown).toHaveLength(API_PAGE_SIZE);
    expect(first.enteredInError.observations.map((o) => o.id)).toEqual([inErrorId]);
    // The newest sets, in bedside order as before; the graded rows are exactly the page's current sets.
    const newest = timeline.observations.slice(-(API_PAGE_SIZE - 1)).map((o) => o.id);
    expect(first.observations.map((o) => o.id)).toEqual(newest);
    expect(first.graded.observations.map((g) => g.id)).toEqual(newest);
    // What does not grow with the stay is sent whole.
    expect(first.graded.episodes).toEqual(timeline.graded.episodes);
    expect(first.graded.maxGrade).toBe(timeline.graded.maxGrade);
    expect(first.doses).toEqual(timeline.doses);
    expect(first).not.toHaveProperty("engineInput");
    expect(first.counts).toEqual({ observations: SETS - 1, observationsInError: 1 });
  });

  it("stays small: the page is a fixed number of sets, not the stay", () => {
    const bytes = JSON.stringify(page(null, null)).length;
    const whole = JSON.stringify({ ...timeline, engineInput: undefined }).length;
    expect(bytes).toBeLessThan(whole / 3);
    expect(bytes).toBeLessThan(200 * 1024);
  });
});

describe("paging through the whole stay", () => {
  it("gives every observation exactly once, newest page first, graded as the whole timeline graded it", () => {
    const seen: string[] = [];
    const gradedById = new Map(timeline.graded.observations.map((g) => [g.id, g]));
    let current: TimelineApiPage = page("all", null);
    let previousOldest = Infinity;
    for (;;) {
      const rows = [...current.observations, ...current.enteredInError.observations];
      const times = rows.map((o) => Date.parse(o.effectiveAt));
      expect(Math.max(...times)).toBeLessThanOrEqual(previousOldest);
      previousOldest = Math.min(...times);
      seen.push(...rows.map((o) => o.id));
      for (const g of current.graded.observations) expect(g).toEqual(gradedById.get(g.id));
      if (!current.page.older) break;
      current = page("all", new URL(current.page.older, "http://x").searchParams.get("page"));
    }
    expect(current.page.pages).toBe(Math.ceil((SETS - 1 + 1) / API_PAGE_SIZE));
    expect(seen).toHaveLength(new Set(seen).size);
    expect(new Set(seen)).toEqual(new Set([...timeline.observations, ...timeline.enteredInError.observations].map((o) => o.id)));
  });

  it("reads a page past the last as the last, and nonsense as the first", () => {
    expect(page("all", "999").page.number).toBe(page("all", "999").page.pages);
    expect(page("all", "-3").page.number).toBe(1);
    expect(page("all", "2.5").page.number).toBe(1);
    expect(page("nonsense", null).window.name).toBe("24h");
  });
});

describe("observation pages", () => {
  const row = (id: string, at: string) => ({ id, effectiveAt: at }) as PatientTimeline["observations"][number];
  it("orders newest first, and sets at one instant in a fixed order so none is on two pages", () => {
    const rows = [row("b", "2026-03-01T10:00:00Z"), row("a", "2026-03-01T10:00:00Z"), row("c", "2026-03-01T11:00:00Z")];
    const all = { from: -Infinity, to: Infinity };
    expect(observationPage(rows, [], all, 1, 2).rows.map((o) => o.id)).toEqual(["c", "a"]);
    expect(observationPage(rows, [], all, 2, 2).rows.map((o) => o.id)).toEqual(["b"]);
    expect(observationPage([], [], all, 3, 2)).toMatchObject({ rows: [], number: 1, pages: 1, total: 0 });
  });
  it("offers the first, the last and two either side of the current page", () => {
    expect(pageLinks(1, 1)).toEqual([1]);
    expect(pageLinks(10, 58)).toEqual([1, "gap", 8, 9, 10, 11, 12, "gap", 58]);
    expect(pageLinks(2, 4)).toEqual([1, 2, 3, 4]);
  });
  it("reads ?page= as a whole number from 1", () => {
    expect(parsePageNumber("7")).toBe(7);
    expect(parsePageNumber(["3", "4"])).toBe(3);
    expect(parsePageNumber("0")).toBe(1);
    expect(parsePageNumber("1e9")).toBe(1);
    expect(parsePageNumber(undefined)).toBe(1);
  });
});
