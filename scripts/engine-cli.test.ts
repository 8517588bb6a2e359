import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "scripts", "engine-cli.ts");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(path.join(tmpdir(), "engine-cli-"));

const example = {
  patient: { id: "p1", weightKg: 70, gradingSystem: "ASTCT" },
  observations: [
    {
      id: "o1",
      at: "2026-03-01T06:00:00Z",
      temperatureC: 38.6,
      systolicBP: 86,
      diastolicBP: 50,
      oxygen: { device: "nasal_cannula", flowLpm: 4 },
      iceScore: 9,
    },
  ],
  medications: [{ id: "m1", at: "2026-03-01T07:00:00Z", drug: "tocilizumab", doseMg: 560, route: "IV" }],
  now: "2026-03-02T06:00:00Z",
};

function run(args: string[], input?: string) {
  const result = spawnSync(tsx, [cli, ...args], { cwd: root, input, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
}

describe("engine CLI", () => {
  it("grades a valid file: JSON on stdout, exit 0", () => {
    const result = run([file("valid.json", example)]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.observations).toEqual([
      expect.objectContaining({ id: "o1", at: "2026-03-01T06:00:00.000Z", grade: 2, icansGrade: 1 }),
    ]);
    expect(output.medications[0]).toMatchObject({ id: "m1", flags: [], doseNumber: 1 });
    expect(output.tocilizumab).toEqual({
      dosesTotal: 1,
      dosesLast24h: 1,
      remainingTotal: 3,
      nextEligibleAt: "2026-03-02T06:00:00.000Z",
      recommendedDoseMg: 560,
      // TOCI-WEIGHT (rev 2): the weight the recommendation uses; a single weightKg has no measurement time.
      weightKg: 70,
      weightMeasuredAt: null,
      weightStale: false,
    });
  });

  it("reads standard input with -", () => {
    const result = run(["-"], JSON.stringify(example));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).currentGrade).toBe(2);
  });

  it("invalid input: nothing on stdout, exit 2, each wrong field named with what is allowed", () => {
    const bad = structuredClone(example) as { observations: { temperatureC: number; oxygen: { device: string } }[] };
    bad.observations[0]!.temperatureC = 450;
    bad.observations[0]!.oxygen.device = "mask";
    const result = run([file("invalid.json", bad)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("observations[0].temperatureC: 450 is outside 25-45 °C");
    expect(result.stderr).toContain(
      'observations[0].oxygen.device: "mask" is not an allowed oxygen device; use one of room_air,',
    );
  });

  it("bad JSON on standard input: exit 2, nothing on stdout", () => {
    const result = run(["-"], "{ not json");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("is not valid JSON");
  });

  it("usage errors exit 2", () => {
    for (const args of [[], ["a.json", "b.json"], ["--verbose", "a.json"], ["a.json", "--now", "yesterday"]]) {
      const result = run(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.length).toBeGreaterThan(0);
    }
    const missing = run([path.join(dir, "does-not-exist.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });

  it("without now in the input, evaluates at the current time", () => {
    const { now: _now, ...withoutNow } = example;
    const before = Date.now();
    const result = run([file("no-now.json", { ...withoutNow, medications: [] })]);
    const after = Date.now();
    expect(result.status).toBe(0);
    const eligible = Date.parse(JSON.parse(result.stdout).tocilizumab.nextEligibleAt);
    expect(eligible).toBeGreaterThanOrEqual(before - 1000);
    expect(eligible).toBeLessThanOrEqual(after + 1000);
  });

  it("--now overrides the input's now", () => {
    const result = run([file("valid-now.json", example), "--now", "2026-03-01T08:00:00Z"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).tocilizumab.nextEligibleAt).toBe("2026-03-01T15:00:00.000Z");
  });
});
