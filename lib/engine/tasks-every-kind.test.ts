/**
 * The boundaries of section 8 for every task kind, the same checks for each: raised at its instant
 * (not 1 ms before) for its role; open 1 ms before `respondBy`, late exactly at it; ESC-ACK (an
 * answer before raising or after `now` does not count, one at the raising instant does; a nurse
 * cannot answer a physician's task, a physician may answer a nurse's; one answer answers the
 * earlier unanswered tasks of its kind). tasks.test.ts has each kind's own rules.
 */
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, dose, FEVER, FEVER_HYPOTENSIVE, MINUTE, NORMAL, observation, timeline } from "./test-fixtures";
import type { AcknowledgementInput, MedicationInput, ObservationInput, Task, TaskKind } from "./types";

const ms = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();
const minutesAfter = (instant: string, minutes: number) => iso(ms(instant) + minutes * MINUTE);

interface KindCase {
  kind: TaskKind;
  role: "nurse" | "physician";
  /** What the facts below raise: two tasks of the kind, the second after the first. */
  first: { id: string; raisedAt: string; respondWithinMinutes: number };
  second: { id: string; raisedAt: string };
  observations: ObservationInput[];
  medications?: MedicationInput[];
  /** ESC-CLOSE: the kind closes by itself, so no earlier task is left unanswered for an answer to take along. */
  closesByItself?: boolean;
}

const refused = (id: string, hours: number) => observation(id, hours, { status: "refused", statusReason: "declined" });
const LOW_MEDIUM = { ...NORMAL, respiratoryRate: 26 }; // one red parameter: NEWS2 low-medium
const MEDIUM = { ...NORMAL, respiratoryRate: 22, heartRate: 115, temperatureC: 38.6 }; // 2 + 2 + 1: medium

const CASES: KindCase[] = [
  {
    kind: "ESC_CRS_RISE",
    role: "physician",
    first: { id: "ESC_CRS_RISE:o1", raisedAt: at(0), respondWithinMinutes: 30 },
    second: { id: "ESC_CRS_RISE:o3", raisedAt: at(2) },
    observations: [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 1, FEVER), observation("o3", 2, FEVER_HYPOTENSIVE)],
  },
  {
    kind: "ESC_ICANS_RISE",
    role: "physician",
    first: { id: "ESC_ICANS_RISE:o1", raisedAt: at(0), respondWithinMinutes: 30 },
    second: { id: "ESC_ICANS_RISE:o3", raisedAt: at(2) },
    observations: [
      observation("o1", 0, { ...NORMAL, iceScore: 5 }),
      observation("o2", 1, { ...NORMAL, iceScore: 10 }),
      observation("o3", 2, { ...NORMAL, iceScore: 5 }),
    ],
  },
  {
    kind: "ESC_NEWS2",
    role: "physician",
    first: { id: "ESC_NEWS2:o1", raisedAt: at(0), respondWithinMinutes: 30 },
    second: { id: "ESC_NEWS2:o3", raisedAt: at(2) },
    observations: [observation("o1", 0, MEDIUM), observation("o2", 1, NORMAL), observation("o3", 2, LOW_MEDIUM)],
  },
  {
    kind: "ESC_TIMER_OVERDUE",
    role: "physician",
    // GRADE2_NO_IMPROVEMENT_24H from o1 is overdue at 24 h; o3 improves after the due time, o4 opens a second clock.
    first: { id: "ESC_TIMER_OVERDUE:o1", raisedAt: at(24), respondWithinMinutes: 30 },
    second: { id: "ESC_TIMER_OVERDUE:o4", raisedAt: at(50) },
    observations: [
      observation("o1", 0, FEVER_HYPOTENSIVE),
      observation("o2", 12, FEVER_HYPOTENSIVE),
      observation("o3", 25, NORMAL),
      observation("o4", 26, FEVER_HYPOTENSIVE),
      observation("o5", 40, FEVER_HYPOTENSIVE),
    ],
  },
  {
    kind: "ESC_OBS_OVERDUE",
    role: "nurse",
    // Grade 0, NEWS2 low: due 4 h after o1, the task 30 min later; the refusal at 5 h 30 min restarts the clock.
    first: { id: "ESC_OBS_OVERDUE:o1", raisedAt: minutesAfter(at(4), 30), respondWithinMinutes: 30 },
    second: { id: "ESC_OBS_OVERDUE:o2", raisedAt: at(10) },
    observations: [observation("o1", 0, NORMAL), refused("o2", 5.5)],
    closesByItself: true,
  },
  {
    kind: "ESC_OVERRIDE_UNCONFIRMED",
    role: "physician",
    first: { id: "ESC_OVERRIDE_UNCONFIRMED:m1", raisedAt: at(1), respondWithinMinutes: 60 },
    second: { id: "ESC_OVERRIDE_UNCONFIRMED:m2", raisedAt: at(3) },
    observations: [],
    medications: [dose("m1", 1, "tocilizumab", 900), dose("m2", 3, "tocilizumab", 560)],
  },
  {
    kind: "ESC_REPEATED_REFUSAL",
    role: "physician",
    first: { id: "ESC_REPEATED_REFUSAL:o4", raisedAt: at(3), respondWithinMinutes: 60 },
    second: { id: "ESC_REPEATED_REFUSAL:o7", raisedAt: at(6) },
    observations: [
      observation("o1", 0, NORMAL),
      refused("o2", 1),
      refused("o3", 2),
      refused("o4", 3),
      refused("o5", 4),
      refused("o6", 5),
      refused("o7", 6),
    ],
  },
];

function answer(id: string, taskId: string, when: string, role: "nurse" | "physician"): AcknowledgementInput {
  return { id, taskId, at: when, by: role === "physician" ? "Dr Okafor" : "Nurse Lee", role, outcome: "reviewed at the bedside" };
}

describe.each(CASES)("$kind", (c) => {
  const tasksAt = (now: string, acknowledgements: AcknowledgementInput[] = []): Task[] =>
    evaluateTimeline({ ...timeline(c.observations, c.medications ?? []), acknowledgements, pauses: [], now }).tasks.filter(
      (task) => task.kind === c.kind,
    );
  const task = (id: string, now: string, acknowledgements: AcknowledgementInput[] = []) =>
    tasksAt(now, acknowledgements).find((each) => each.id === id);
  const respondBy = minutesAfter(c.first.raisedAt, c.first.respondWithinMinutes);
  const justAfterRaised = minutesAfter(c.first.raisedAt, 1);

  it(`is raised at its instant, not 1 ms before, for the ${c.role}, answer within ${c.first.respondWithinMinutes} min`, () => {
    expect(task(c.first.id, iso(ms(c.first.raisedAt) - 1))).toBeUndefined();
    expect(task(c.first.id, c.first.raisedAt)).toMatchObject({
      kind: c.kind,
      role: c.role,
      raisedAt: c.first.raisedAt,
      respondBy,
      status: "open",
      acknowledgedAt: null,
    });
    expect(task(c.second.id, c.second.raisedAt)?.raisedAt).toBe(c.second.raisedAt);
  });

  it("is open 1 ms before respondBy and late exactly at it", () => {
    expect(task(c.first.id, iso(ms(respondBy) - 1))?.status).toBe("open");
    expect(task(c.first.id, respondBy)).toMatchObject({ status: "late", notifyAgainAt: respondBy });
  });

  it("an answer 1 ms before the task was raised, or after now, does not count; one at the raising instant does", () => {
    const early = answer("a1", c.first.id, iso(ms(c.first.raisedAt) - 1), "physician");
    expect(task(c.first.id, justAfterRaised, [early])?.status).toBe("open");
    const later = answer("a1", c.first.id, minutesAfter(c.first.raisedAt, 2), "physician");
    expect(task(c.first.id, justAfterRaised, [later])?.status).toBe("open");
    const onTime = answer("a1", c.first.id, c.first.raisedAt, "physician");
    expect(task(c.first.id, justAfterRaised, [onTime])).toMatchObject({
      status: "acknowledged",
      acknowledgedAt: c.first.raisedAt,
      acknowledgedBy: "Dr Okafor",
      notifyAgainAt: null,
    });
  });

  it(c.role === "physician" ? "a nurse cannot answer it" : "a physician may answer it, as may the nurse", () => {
    const byNurse = answer("a1", c.first.id, c.first.raisedAt, "nurse");
    expect(task(c.first.id, justAfterRaised, [byNurse])?.status).toBe(c.role === "physician" ? "open" : "acknowledged");
  });

  it(
    c.closesByItself
      ? "closes by itself (ESC-CLOSE): an answer to the later task leaves the earlier one closed"
      : "one answer to the later task answers the earlier unanswered one too",
    () => {
      const now = minutesAfter(c.second.raisedAt, 1);
      const tasks = tasksAt(now, [answer("a1", c.second.id, c.second.raisedAt, c.role)]);
      const statuses = tasks.filter((each) => each.id === c.first.id || each.id === c.second.id).map((each) => each.status);
      expect(statuses).toEqual([c.closesByItself ? "closed" : "acknowledged", "acknowledged"]);
      const onlyFirst = tasksAt(now, [answer("a1", c.first.id, c.first.raisedAt, c.role)]);
      expect(onlyFirst.find((each) => each.id === c.second.id)?.status).toBe("open");
    },
  );
});
