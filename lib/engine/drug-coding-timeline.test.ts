// DRUG-CODES in the timeline: a dose charted under a brand or biosimilar name is the coded drug,
// with all its limits, masking and alerts; a name that is no coded drug counts towards nothing and
// raises ALERT-UNCODED-DRUG so that a person looks.
import { describe, expect, it } from "vitest";
import { evaluateTimeline } from "./timeline";
import { dose, FEVER, HYPOTENSIVE, observation, timeline } from "./test-fixtures";

describe("DRUG-CODES: the name a dose was charted under never bypasses a rule", () => {
  it("counts Actemra, tocilizumab-aazg, tocilizumab-bavi and a biosimilar as tocilizumab doses 1 to 4, with their limits", () => {
    const names = ["Actemra", "tocilizumab-aazg", "tocilizumab-bavi", "tocilizumab biosimilar"];
    const doses = names.map((name, index) => dose(`m${index + 1}`, index, name, index === 0 ? 5000 : 560));
    const result = evaluateTimeline(timeline([observation("o1", 0, FEVER)], doses, 4));
    expect(result.medications.map((m) => [m.drug, m.doseNumber])).toEqual([
      ["tocilizumab", 1],
      ["tocilizumab", 2],
      ["tocilizumab", 3],
      ["tocilizumab", 4],
    ]);
    expect(result.medications[0]?.flags).toEqual(expect.arrayContaining(["TOCI_DOSE_OVER_800MG", "TOCI_DOSE_OVER_WEIGHT_BASED"]));
    expect(result.medications[1]?.flags).toContain("TOCI_INTERVAL_UNDER_8H");
    expect(result.medications[3]?.flags).toContain("TOCI_MAX_3_PER_24H");
    expect(result.tocilizumab).toMatchObject({ dosesTotal: 4, remainingTotal: 0, nextEligibleAt: null });
    expect(result.alerts.filter((a) => a.rule === "ALERT-UNCODED-DRUG")).toEqual([]);
  });

  it("lets betamethasone (Celestone) mask fever after the onset and raise the steroid alert", () => {
    const result = evaluateTimeline(
      timeline([observation("o1", 0, FEVER), observation("o2", 2, HYPOTENSIVE)], [dose("m1", 1, "celestone", 6)], 3),
    );
    expect(result.medications[0]?.drug).toBe("betamethasone");
    expect(result.observations[1]?.grade).toBe(2);
    expect(result.observations[1]?.reasons.map((r) => r.rule)).toContain("ASTCT-MASK");
    expect(result.alerts.map((a) => a.rule)).toContain("ALERT-STEROID-PROPHYLAXIS");
  });

  it("charts an unknown name as uncoded: no mask, no limit, and ALERT-UNCODED-DRUG naming it", () => {
    const result = evaluateTimeline(
      timeline([observation("o1", 0, FEVER), observation("o2", 2, HYPOTENSIVE)], [dose("m1", 1, "ondansetron", 8)], 3),
    );
    expect(result.observations[1]?.grade).toBe(0);
    expect(result.tocilizumab.dosesTotal).toBe(0);
    const uncoded = result.alerts.filter((a) => a.rule === "ALERT-UNCODED-DRUG");
    expect(uncoded).toHaveLength(1);
    expect(uncoded[0]).toMatchObject({ medicationId: "m1" });
    expect(uncoded[0]?.text).toContain('"ondansetron" is not a coded drug');
  });

  it("asks 'did you mean' for a near miss of a coded name, and still counts it towards nothing", () => {
    const result = evaluateTimeline(timeline([observation("o1", 0, FEVER)], [dose("m1", 1, "tocilizumb", 560)], 3));
    expect(result.tocilizumab.dosesTotal).toBe(0);
    expect(result.alerts.find((a) => a.rule === "ALERT-UNCODED-DRUG")?.text).toContain("Did you mean tocilizumab?");
    const again = evaluateTimeline(timeline([observation("o1", 0, FEVER)], [dose("m1", 1, "dexamethazone", 10)], 3));
    expect(again.alerts.find((a) => a.rule === "ALERT-UNCODED-DRUG")?.text).toContain("Did you mean dexamethasone?");
  });
});
