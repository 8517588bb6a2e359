/** EPISODE-END and ASTCT-MASK per episode (CLINICAL-RULES.md section 2, rev 2) through evaluateTimeline. */
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { at, dose, FEVER, HYPOTENSIVE, NORMAL, observation, timeline } from "./test-fixtures";
import type { Timer, TimelineOutput } from "./types";

const timersOf = (output: TimelineOutput, kind: Timer["kind"]) => output.timers.filter((timer) => timer.kind === kind);
const MINUTE_H = 1 / 60;

describe("EPISODE-END: an episode ends 72 h after its last set graded >= 1", () => {
  // Fever at 0 h (grade 1), paracetamol at 1 h, then calm sets: the episode ends at 72 h.
  const firstEpisode = [observation("o1", 0, FEVER), observation("o2", 4, NORMAL), observation("o3", 48, NORMAL)];
  const paracetamol = dose("m1", 1, "paracetamol", 1000, "PO");

  it("a fever exactly at the end starts a new episode; one minute earlier it is the same episode", () => {
    const atEnd = evaluateTimeline(timeline([...firstEpisode, observation("o4", 72, FEVER)], [paracetamol], 73));
    expect(atEnd.episodes).toEqual([
      { startedAt: at(0), endedAt: at(72), maxGrade: 1 },
      { startedAt: at(72), endedAt: null, maxGrade: 1 },
    ]);
    expect(atEnd.episodeStartedAt).toBe(at(72));

    const before = evaluateTimeline(timeline([...firstEpisode, observation("o4", 72 - MINUTE_H, FEVER)], [paracetamol], 73));
    expect(before.episodes).toEqual([{ startedAt: at(0), endedAt: null, maxGrade: 1 }]);
    expect(before.episodeStartedAt).toBe(at(0));
  });

  it("a paracetamol from the ended episode does not mask the new one; one given after the new onset does", () => {
    const sets = [...firstEpisode, observation("o4", 80, FEVER), observation("o5", 82, HYPOTENSIVE)];
    const unmasked = evaluateTimeline(timeline(sets, [paracetamol], 83));
    const o5 = unmasked.observations.find((o) => o.id === "o5");
    expect(o5?.grade).toBe(0);
    expect(unmasked.alerts).toContainEqual(expect.objectContaining({ rule: "ALERT-NO-FEVER", observationId: "o5" }));

    const masked = evaluateTimeline(timeline(sets, [paracetamol, dose("m2", 81, "paracetamol", 1000, "PO")], 83));
    expect(masked.observations.find((o) => o.id === "o5")?.grade).toBe(2);
    expect(masked.medications.find((m) => m.id === "m2")?.reasons).toContainEqual(
      expect.objectContaining({ rule: "ASTCT-MASK", text: expect.stringContaining("From this dose on") }),
    );
  });

  it("a drug given between episodes says it masks nothing later; a set after the end is grade 0 with the reason", () => {
    const output = evaluateTimeline(
      timeline([...firstEpisode, observation("o4", 75, HYPOTENSIVE)], [paracetamol, dose("m2", 74, "dexamethasone", 10)], 76),
    );
    expect(output.medications.find((m) => m.id === "m2")?.reasons).toContainEqual(
      expect.objectContaining({ rule: "ASTCT-MASK", text: expect.stringContaining("after the CRS episode ended") }),
    );
    const o4 = output.observations.find((o) => o.id === "o4");
    expect(o4?.grade).toBe(0);
    expect(o4?.reasons).toContainEqual(expect.objectContaining({ rule: "EPISODE-END" }));
    expect(output.alerts).toContainEqual(
      expect.objectContaining({ rule: "ALERT-NO-FEVER", text: expect.stringContaining("after the CRS episode ended") }),
    );
  });

  it("ICE_DUE runs only during an episode and is the new episode's; maxGrade spans the whole timeline", () => {
    const withIce = [
      observation("o1", 0, { ...FEVER, systolicBP: 84, diastolicBP: 50, iceScore: 10 }),
      observation("o2", 4, NORMAL),
    ];
    const ended = evaluateTimeline(timeline(withIce, [], 80));
    expect(timersOf(ended, "ICE_DUE")).toEqual([]);
    expect(ended.maxGrade).toBe(2);

    const again = evaluateTimeline(timeline([...withIce, observation("o3", 90, FEVER)], [], 91));
    const [ice] = timersOf(again, "ICE_DUE");
    expect(ice).toMatchObject({ startedAt: at(90), dueAt: at(98), status: "running" });
    expect(again.maxGrade).toBe(2);
    expect(again.currentGrade).toBe(1);
  });
});
