// The ward report's CSV export on the real store: the file's figures come from the charted sets, and
// the export is an audit event with its ward, days and row count; a role without the permission
// gets nothing and no export event.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordObservation } from "@/lib/observations/record-observation";
import { recordMissedSet } from "@/lib/observations/record-missed-set";
import { exportWardReport } from "@/lib/reports/export";
import { formKey, testWard, WARD_ID, type TestWard } from "@/lib/timeline/test-ward";

/** The report's cells are counts, codes and minutes: never quoted, so a split reads them. */
function parse(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));
  return lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ""])));
}

const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const NOW = at("17:00");

let ward: TestWard;
beforeAll(async () => {
  ward = await testWard();
  const chart = async (hhmm: string) => {
    const values = { temperature: "36.8", systolicBP: "120", diastolicBP: "75", heartRate: "80", oxygenDevice: "room_air" };
    const result = await recordObservation(
      ward.users.nurse,
      ward.patientId,
      { idempotencyKey: formKey(), effectiveAt: at(hhmm).toISOString(), vasopressorStatus: "none", ...values },
      at(hhmm),
    );
    if (!result.ok) throw new Error(result.message);
  };
  // 08:00 the first set (on time); grade 0 is due every 4 h: 12:20 is 20 min late; 16:20 refused.
  await chart("08:00");
  await chart("12:20");
  const refused = await recordMissedSet(
    ward.users.nurse,
    ward.patientId,
    { idempotencyKey: formKey(), effectiveAt: at("16:20").toISOString(), setStatus: "refused", statusReason: "asleep" },
    at("16:20"),
  );
  if (!refused.ok) throw new Error(refused.message);
});

describe("exportWardReport", () => {
  it("hands over the figures and records the export with its ward, days and rows", async () => {
    const result = await exportWardReport(ward.users.physician, { ward: WARD_ID, from: "2026-03-01", to: "2026-03-01" }, NOW);
    if (!result.ok) throw new Error(result.message);
    const rows = parse(result.value.csv);
    const sets = rows.filter((r) => r.section === "sets");
    expect(sets).toEqual([
      expect.objectContaining({
        ward_day: "2026-03-01",
        on_time: "1",
        late: "1",
        late_minutes: "20",
        refused: "1",
        not_possible: "0",
      }),
    ]);
    expect(result.value.rows).toBe(rows.length);

    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "export.ward_report", entityId: result.value.exportId },
    });
    expect(event.actorId).toBe(ward.users.physician.id);
    expect(event.role).toBe("physician");
    expect(JSON.parse(event.after!)).toEqual({
      wardId: WARD_ID,
      from: "2026-03-01",
      to: "2026-03-01",
      rows: rows.length,
      timeZone: "Europe/London",
    });
  });

  it("refuses a nurse: no file, no export event", async () => {
    const before = await db.auditEvent.count({ where: { action: "export.ward_report" } });
    const result = await exportWardReport(ward.users.nurse, { ward: WARD_ID }, NOW);
    expect(result.ok).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "export.ward_report" } })).toBe(before);
  });

  it("refuses a range the wrong way round without recording an export", async () => {
    const result = await exportWardReport(ward.users.auditor, { ward: WARD_ID, from: "2026-03-02", to: "2026-03-01" }, NOW);
    expect(result).toMatchObject({ ok: false, message: "from: must be on or before to" });
  });
});
