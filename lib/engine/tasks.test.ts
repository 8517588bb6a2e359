import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, dose, FEVER, FEVER_HYPOTENSIVE, MINUTE, NORMAL, observation, timeline } from "./test-fixtures";
import type { AcknowledgementInput, ObservationInput, PauseInput, Task, TaskKind, TimelineInput } from "./types";

const ms = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();
const plus = (hours: number, minutes: number) => iso(ms(at(hours)) + minutes * MINUTE);

interface Extra {
  pauses?: PauseInput[];
  acknowledgements?: AcknowledgementInput[];
  patient?: Partial<TimelineInput["patient"]>;
  medications?: TimelineInput["medications"];
}

function tasksAt(now: string, observations: ObservationInput[], extra: Extra = {}): Task[] {
  const input: TimelineInput = {
    ...timeline(observations, extra.medications ?? [], 0, extra.patient ?? {}),
    pauses: extra.pauses ?? [],
    acknowledgements: extra.acknowledgements ?? [],
    now,
  };
  return evaluateTimeline(input).tasks;
}

const ofKind = (tasks: Task[], kind: TaskKind) => tasks.filter((task) => task.kind === kind);

function ack(id: string, taskId: string, when: string, role: "nurse" | "physician" = "physician"): AcknowledgementInput {
  return { id, taskId, at: when, by: role === "physician" ? "Dr Okafor" : "Nurse Lee", role, outcome: "reviewed at the bedside" };
}

const GRADE3 = { ...FEVER_HYPOTENSIVE, vasopressors: [{ agent: "norepinephrine" as const }] };

describe("ESC_CRS_RISE", () => {
  const sets = [observation("o1", 0, FEVER), observation("o2", 1, FEVER_HYPOTENSIVE)];

  it("is raised at the instant of the grade-2 set, for a physician, respond within 30 min", () => {
    const [task] = ofKind(tasksAt(at(1), sets), "ESC_CRS_RISE");
    expect(task).toMatchObject({
      id: "ESC_CRS_RISE:o2",
      role: "physician",
      raisedAt: at(1),
      respondBy: plus(1, 30),
      status: "open",
      notifyAgainAt: plus(1, 30),
      acknowledgedAt: null,
    });
    expect(task?.reasons[0]?.text).toContain("CRS grade 2, up from 1");
    expect(ofKind(tasksAt(iso(ms(at(1)) - 1), sets), "ESC_CRS_RISE")).toEqual([]);
  });

  it("is open 1 ms before respondBy and late exactly at it, then notified again every 15 min", () => {
    expect(ofKind(tasksAt(iso(ms(plus(1, 30)) - 1), sets), "ESC_CRS_RISE")[0]?.status).toBe("open");
    expect(ofKind(tasksAt(plus(1, 30), sets), "ESC_CRS_RISE")[0]).toMatchObject({
      status: "late",
      notifyAgainAt: plus(1, 30),
    });
    expect(ofKind(tasksAt(plus(1, 31), sets), "ESC_CRS_RISE")[0]?.notifyAgainAt).toBe(plus(1, 45));
    expect(ofKind(tasksAt(plus(1, 45), sets), "ESC_CRS_RISE")[0]?.notifyAgainAt).toBe(plus(1, 45));
  });

  it("grade 3 gives 15 min; grade 1 and a grade that does not rise raise nothing; a new rise raises again", () => {
    const [three] = ofKind(tasksAt(at(2), [observation("o1", 0, GRADE3)]), "ESC_CRS_RISE");
    expect(three).toMatchObject({ id: "ESC_CRS_RISE:o1", respondBy: plus(0, 15) });
    expect(ofKind(tasksAt(at(2), [observation("o1", 0, FEVER)]), "ESC_CRS_RISE")).toEqual([]);
    const steady = [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 1, FEVER_HYPOTENSIVE)];
    expect(ofKind(tasksAt(at(2), steady), "ESC_CRS_RISE").map((t) => t.id)).toEqual(["ESC_CRS_RISE:o1"]);
    const again = [...steady, observation("o3", 2, FEVER), observation("o4", 3, FEVER_HYPOTENSIVE)];
    expect(ofKind(tasksAt(at(4), again), "ESC_CRS_RISE").map((t) => t.id)).toEqual(["ESC_CRS_RISE:o1", "ESC_CRS_RISE:o4"]);
  });

  it("TIE: sets at one instant count as one, the most severe, whatever their ids", () => {
    const tie = [observation("a9", 1, GRADE3), observation("a1", 1, FEVER_HYPOTENSIVE)];
    const tasks = ofKind(tasksAt(at(2), tie), "ESC_CRS_RISE");
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: "ESC_CRS_RISE:a9", respondBy: plus(1, 15) });
  });

  it("a refused set is skipped: the rise is measured from the last charted set", () => {
    const refusedBetween = [
      observation("o1", 0, FEVER_HYPOTENSIVE),
      observation("o2", 1, { status: "refused", statusReason: "declined" }),
      observation("o3", 2, FEVER_HYPOTENSIVE),
    ];
    expect(ofKind(tasksAt(at(3), refusedBetween), "ESC_CRS_RISE").map((t) => t.id)).toEqual(["ESC_CRS_RISE:o1"]);
  });
});

describe("ESC_ICANS_RISE", () => {
  it("ICANS 2 gives 30 min, 3 gives 15 min, from the previous set with an ICANS grade", () => {
    const sets = [
      observation("o1", 0, { ...NORMAL, iceScore: 5 }),
      observation("o2", 1, NORMAL),
      observation("o3", 2, { ...NORMAL, iceScore: 4 }),
      observation("o4", 3, { ...NORMAL, iceScore: 2 }),
    ];
    const tasks = ofKind(tasksAt(at(4), sets), "ESC_ICANS_RISE");
    expect(tasks.map((t) => [t.id, t.raisedAt, t.respondBy, t.role])).toEqual([
      ["ESC_ICANS_RISE:o1", at(0), plus(0, 30), "physician"],
      ["ESC_ICANS_RISE:o4", at(3), plus(3, 15), "physician"],
    ]);
  });
});

describe("ESC_NEWS2", () => {
  it("low-medium 60 min, then high 15 min; the same band again raises nothing", () => {
    const lowMedium = { ...NORMAL, respiratoryRate: 26 };
    const high = { ...NORMAL, respiratoryRate: 26, systolicBP: 85, diastolicBP: 50, heartRate: 135 };
    const sets = [observation("o1", 0, lowMedium), observation("o2", 1, lowMedium), observation("o3", 2, high)];
    const tasks = ofKind(tasksAt(at(3), sets), "ESC_NEWS2");
    expect(tasks.map((t) => [t.id, t.respondBy])).toEqual([
      ["ESC_NEWS2:o1", plus(0, 60)],
      ["ESC_NEWS2:o3", plus(2, 15)],
    ]);
    expect(tasks[0]?.reasons[0]?.text).toContain("low-medium, up from low");
  });
});

describe("ESC_TIMER_OVERDUE", () => {
  const sets = [observation("o1", 0, FEVER_HYPOTENSIVE), observation("o2", 12, FEVER_HYPOTENSIVE)];

  it("is raised when GRADE2_NO_IMPROVEMENT_24H reaches its due time, named by the set that started it", () => {
    expect(ofKind(tasksAt(iso(ms(at(24)) - 1), sets), "ESC_TIMER_OVERDUE")).toEqual([]);
    const [task] = ofKind(tasksAt(at(24), sets), "ESC_TIMER_OVERDUE");
    expect(task).toMatchObject({ id: "ESC_TIMER_OVERDUE:o1", raisedAt: at(24), respondBy: plus(24, 30), role: "physician" });
    expect(ofKind(tasksAt(plus(24, 30), sets), "ESC_TIMER_OVERDUE")[0]?.status).toBe("late");
  });

  it("a clock resolved before its due time raises nothing", () => {
    const resolved = [...sets, observation("o3", 20, { ...NORMAL, oxygen: { device: "room_air" } })];
    expect(ofKind(tasksAt(at(30), resolved), "ESC_TIMER_OVERDUE")).toEqual([]);
  });
});

describe("ESC_OBS_OVERDUE", () => {
  // Grade 0, NEWS2 low (0): due 4 h later, the task 30 min after that.
  const first = observation("o1", 0, NORMAL);

  it("is raised obsOverdueTaskMinutes after the due time, for the nurse, respond within 30 min", () => {
    expect(ofKind(tasksAt(iso(ms(plus(4, 30)) - 1), [first]), "ESC_OBS_OVERDUE")).toEqual([]);
    const [task] = ofKind(tasksAt(plus(4, 30), [first]), "ESC_OBS_OVERDUE");
    expect(task).toMatchObject({
      id: "ESC_OBS_OVERDUE:o1",
      role: "nurse",
      raisedAt: plus(4, 30),
      respondBy: at(5),
      status: "open",
    });
    expect(ofKind(tasksAt(at(5), [first]), "ESC_OBS_OVERDUE")[0]?.status).toBe("late");
  });

  it("a set at the raising instant is in time; a later set closes the task (ESC-CLOSE)", () => {
    expect(ofKind(tasksAt(at(6), [first, observation("o2", 4.5, NORMAL)]), "ESC_OBS_OVERDUE")).toEqual([]);
    const [task] = ofKind(tasksAt(at(6), [first, observation("o2", 4.75, NORMAL)]), "ESC_OBS_OVERDUE");
    expect(task).toMatchObject({ id: "ESC_OBS_OVERDUE:o1", status: "closed", closedAt: plus(4, 45), notifyAgainAt: null });
  });

  it("a refused set closes it too and restarts the clock at the interval that applied before", () => {
    const refused = observation("o2", 4.75, { status: "refused", statusReason: "declined" });
    const tasks = ofKind(tasksAt(at(10), [first, refused]), "ESC_OBS_OVERDUE");
    expect(tasks.map((t) => [t.id, t.status, t.raisedAt])).toEqual([
      ["ESC_OBS_OVERDUE:o1", "closed", plus(4, 30)],
      ["ESC_OBS_OVERDUE:o2", "late", plus(9, 15)],
    ]);
  });

  it("a pause starting closes it; while paused nothing is raised; after the pause the next set is due 60 min later", () => {
    const closing: PauseInput = { id: "p1", from: plus(4, 40), until: null, reason: "MRI" };
    expect(ofKind(tasksAt(at(12), [first], { pauses: [closing] }), "ESC_OBS_OVERDUE")[0]).toMatchObject({
      status: "closed",
      closedAt: plus(4, 40),
    });
    const scan: PauseInput = { id: "p2", from: at(3), until: at(6), reason: "MRI" };
    expect(ofKind(tasksAt(iso(ms(plus(7, 30)) - 1), [first], { pauses: [scan] }), "ESC_OBS_OVERDUE")).toEqual([]);
    expect(ofKind(tasksAt(plus(7, 30), [first], { pauses: [scan] }), "ESC_OBS_OVERDUE")[0]).toMatchObject({
      id: "ESC_OBS_OVERDUE:p2",
      raisedAt: plus(7, 30),
    });
  });

  it("a short pause ending well before the due time leaves the set's own due time", () => {
    const short: PauseInput = { id: "p1", from: at(1), until: at(2), reason: "X-ray" };
    expect(ofKind(tasksAt(at(5), [first], { pauses: [short] }), "ESC_OBS_OVERDUE")[0]?.id).toBe("ESC_OBS_OVERDUE:o1");
  });

  it("a pause whose end is after now is still running: nothing raised", () => {
    const scan: PauseInput = { id: "p1", from: at(3), until: at(30), reason: "theatre" };
    expect(ofKind(tasksAt(at(20), [first], { pauses: [scan] }), "ESC_OBS_OVERDUE")).toEqual([]);
  });

  it("the patient's own interval (stricter) moves the due time", () => {
    const [task] = ofKind(tasksAt(at(2), [first], { patient: { obsIntervalMinutes: 60 } }), "ESC_OBS_OVERDUE");
    expect(task?.raisedAt).toBe(plus(1, 30));
  });

  it("a physician may answer the nurse's task", () => {
    const [task] = ofKind(
      tasksAt(at(6), [first], { acknowledgements: [ack("a1", "ESC_OBS_OVERDUE:o1", at(5))] }),
      "ESC_OBS_OVERDUE",
    );
    expect(task).toMatchObject({
      status: "acknowledged",
      acknowledgedAt: at(5),
      acknowledgedBy: "Dr Okafor",
      notifyAgainAt: null,
    });
    const [byNurse] = ofKind(
      tasksAt(at(6), [first], { acknowledgements: [ack("a1", "ESC_OBS_OVERDUE:o1", at(5), "nurse")] }),
      "ESC_OBS_OVERDUE",
    );
    expect(byNurse?.status).toBe("acknowledged");
  });
});

describe("ESC_OVERRIDE_UNCONFIRMED", () => {
  const big = dose("m1", 1, "tocilizumab", 900);

  it("is raised at a dose with unconfirmed flags, physician, 60 min", () => {
    const [task] = ofKind(tasksAt(at(2), [], { medications: [big] }), "ESC_OVERRIDE_UNCONFIRMED");
    expect(task).toMatchObject({ id: "ESC_OVERRIDE_UNCONFIRMED:m1", raisedAt: at(1), respondBy: at(2), status: "late" });
  });

  it("closes when a physician confirms every flag; a confirmation after now has not happened", () => {
    const confirmed = {
      ...big,
      confirmedFlags: ["TOCI_DOSE_OVER_800MG" as const, "TOCI_DOSE_OVER_WEIGHT_BASED" as const],
      confirmedAt: plus(1, 20),
      confirmedBy: "Dr Okafor",
    };
    expect(ofKind(tasksAt(at(3), [], { medications: [confirmed] }), "ESC_OVERRIDE_UNCONFIRMED")[0]).toMatchObject({
      status: "closed",
      closedAt: plus(1, 20),
    });
    expect(ofKind(tasksAt(plus(1, 10), [], { medications: [confirmed] }), "ESC_OVERRIDE_UNCONFIRMED")[0]?.status).toBe("open");
    const atCharting = { ...confirmed, confirmedAt: at(1) };
    expect(ofKind(tasksAt(at(3), [], { medications: [atCharting] }), "ESC_OVERRIDE_UNCONFIRMED")).toEqual([]);
  });
});

describe("ESC_REPEATED_REFUSAL", () => {
  const refused = (id: string, hours: number) => observation(id, hours, { status: "refused", statusReason: "declined" });

  it("is raised at the third refused or not-possible set in a row, for a physician, 60 min", () => {
    const sets = [
      observation("o1", 0, NORMAL),
      refused("o2", 1),
      observation("o3", 2, { status: "not_possible", statusReason: "off the ward" }),
      refused("o4", 3),
    ];
    expect(ofKind(tasksAt(iso(ms(at(3)) - 1), sets), "ESC_REPEATED_REFUSAL")).toEqual([]);
    expect(ofKind(tasksAt(at(3), sets), "ESC_REPEATED_REFUSAL")[0]).toMatchObject({
      id: "ESC_REPEATED_REFUSAL:o4",
      role: "physician",
      raisedAt: at(3),
      respondBy: at(4),
    });
  });

  it("a charted set breaks the run, also when charted at the same instant as a refusal", () => {
    const sets = [refused("o1", 0), refused("o2", 1), refused("o3", 2), observation("o3b", 2, NORMAL), refused("o4", 3)];
    expect(ofKind(tasksAt(at(4), sets), "ESC_REPEATED_REFUSAL")).toEqual([]);
  });
});

describe("ESC-ACK", () => {
  const sets = [observation("o1", 0, FEVER), observation("o2", 1, FEVER_HYPOTENSIVE)];
  const rise = (acks: AcknowledgementInput[], now = at(3)) =>
    ofKind(tasksAt(now, sets, { acknowledgements: acks }), "ESC_CRS_RISE")[0];

  it("counts at exactly the raising instant; an acknowledgement before it is ignored and said so", () => {
    expect(rise([ack("a1", "ESC_CRS_RISE:o2", at(1))])).toMatchObject({
      status: "acknowledged",
      acknowledgedAt: at(1),
      acknowledgementId: "a1",
    });
    const early = rise([ack("a1", "ESC_CRS_RISE:o2", iso(ms(at(1)) - 1))]);
    expect(early?.status).toBe("late");
    expect(early?.reasons.some((r) => r.rule === "ESC-ACK" && r.text.includes("before the task was raised"))).toBe(true);
  });

  it("an acknowledgement after now has not happened", () => {
    expect(rise([ack("a1", "ESC_CRS_RISE:o2", at(2))], plus(1, 45))?.status).toBe("late");
    expect(rise([ack("a1", "ESC_CRS_RISE:o2", at(2))], at(2))?.status).toBe("acknowledged");
  });

  it("a nurse cannot answer a physician's task", () => {
    const task = rise([ack("a1", "ESC_CRS_RISE:o2", at(1.1), "nurse")]);
    expect(task).toMatchObject({ status: "late", acknowledgedAt: null });
    expect(task?.reasons.some((r) => r.text.includes("a nurse cannot answer a physician's task"))).toBe(true);
  });

  it("one acknowledgement answers every earlier unanswered task of the same kind, not later ones nor other kinds", () => {
    const many = [
      observation("o1", 0, FEVER_HYPOTENSIVE),
      observation("o2", 1, { ...FEVER, iceScore: 5 }),
      observation("o3", 2, FEVER_HYPOTENSIVE),
      observation("o4", 3, FEVER),
      observation("o5", 4, FEVER_HYPOTENSIVE),
    ];
    const tasks = tasksAt(at(5), many, { acknowledgements: [ack("a1", "ESC_CRS_RISE:o3", at(2.5))] });
    const crs = ofKind(tasks, "ESC_CRS_RISE");
    expect(crs.map((t) => [t.id, t.status, t.acknowledgementId])).toEqual([
      ["ESC_CRS_RISE:o1", "acknowledged", "a1"],
      ["ESC_CRS_RISE:o3", "acknowledged", "a1"],
      ["ESC_CRS_RISE:o5", "late", null],
    ]);
    expect(crs[0]?.reasons.at(-1)?.text).toContain("through the acknowledgement of ESC_CRS_RISE:o3");
    expect(ofKind(tasks, "ESC_ICANS_RISE")[0]?.status).toBe("late");
  });

  it("an acknowledgement naming an unknown task answers nothing", () => {
    expect(rise([ack("a1", "ESC_CRS_RISE:nope", at(2))])?.status).toBe("late");
  });
});
