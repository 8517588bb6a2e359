// The dosing audit reads the engine too (TOCI-CONFIRM): the dose number, the flags a dose has now
// (a late earlier dose adds one after charting, and the flagged filter catches it), and every
// confirmation with who, when, which flags and why, on the page and in the CSV.
import { describe, expect, it } from "vitest";
import { confirmDoseOverride } from "@/lib/doses/confirm-dose-override";
import { recordDose } from "@/lib/doses/record-dose";
import { dosingAudit, parseDosingAuditFilters } from "@/lib/dosing-audit/report";
import { DOSING_AUDIT_COLUMNS, dosingAuditRows } from "@/lib/dosing-audit/csv";
import { formKey, testWard } from "@/lib/timeline/test-ward";
import type { CurrentUser } from "@/lib/auth/authorize";

const NOW = new Date("2026-03-02T12:00:00Z");
const TZ = "Europe/London";
const toci = (effectiveAt: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: formKey(),
  drug: "tocilizumab",
  doseMg: 560,
  route: "IV",
  effectiveAt,
  ...extra,
});

async function chart(user: CurrentUser, patientId: string, form: Record<string, unknown>) {
  const first = await recordDose(user, patientId, form, NOW);
  if (first.ok) return first.value.doseId;
  if (first.kind !== "limits_changed") throw new Error(first.message);
  const second = await recordDose(
    user,
    patientId,
    { ...form, confirmedFlags: first.conflict!.flags, overrideReason: "Given" },
    NOW,
  );
  if (!second.ok) throw new Error(second.message);
  return second.value.doseId;
}

const flagged = () => {
  const parsed = parseDosingAuditFilters({ flagged: "1" });
  if (!parsed.ok) throw new Error("filters");
  return parsed.filters;
};

describe("dosing audit: dose numbers, flags now and confirmations", () => {
  it("numbers doses 1..n, catches a dose flagged later, and shows its confirmation columns", async () => {
    const { users, patientId } = await testWard();
    const first = await chart(users.nurse, patientId, toci("2026-03-01T00:00:00Z"));
    const third = await chart(users.nurse, patientId, toci("2026-03-01T20:00:00Z"));
    // Charted clean, then a dose given at 12:00 is charted late: 20:00 is now under 8 h after it.
    let audit = await dosingAudit(flagged(), { timeZone: TZ, now: NOW });
    expect(audit.doses.map((dose) => dose.lineageId)).not.toContain(third);
    await chart(users.nurse, patientId, toci("2026-03-01T14:00:00Z"));

    audit = await dosingAudit(flagged(), { timeZone: TZ, now: NOW });
    const late = audit.doses.find((dose) => dose.lineageId === third)!;
    expect(late.versions[0]!.flags).toEqual([]);
    expect(late.now).toMatchObject({
      doseNumber: 3,
      flags: ["TOCI_INTERVAL_UNDER_8H"],
      unconfirmedFlags: ["TOCI_INTERVAL_UNDER_8H"],
    });
    expect(late.versions[0]!.awaitingConfirmation).toBe(true);

    const confirmed = await confirmDoseOverride(
      users.physician,
      third,
      { flags: ["TOCI_INTERVAL_UNDER_8H"], reason: "Reviewed: ICU request" },
      NOW,
    );
    expect(confirmed.ok).toBe(true);
    const all = await dosingAudit(parseFilters({}), { timeZone: TZ, now: NOW });
    expect(all.doses.find((dose) => dose.lineageId === first)!.now!.doseNumber).toBe(1);
    const rows = dosingAuditRows(all.doses, TZ).map((row) => Object.fromEntries(DOSING_AUDIT_COLUMNS.map((c, i) => [c, row[i]])));
    expect(rows.find((row) => row.dose_id === third)).toMatchObject({
      dose_number: "3",
      flags_at_charting: "",
      flags_now: "TOCI_INTERVAL_UNDER_8H",
      unconfirmed_flags: "",
      confirmed_by: "Test physician",
      confirmed_at_utc: NOW.toISOString(),
      confirmed_flags: "TOCI_INTERVAL_UNDER_8H",
      confirmation_reason: "Reviewed: ICU request",
      recorded_by: "Test nurse",
    });
  });
});

function parseFilters(raw: Record<string, string>) {
  const parsed = parseDosingAuditFilters(raw);
  if (!parsed.ok) throw new Error("filters");
  return parsed.filters;
}
