// ALERT-UNCONFIRMED-LIMIT, read from the engine's output: the doses whose limit flags nobody has
// confirmed yet (a dose charted over a limit by a nurse, or a confirmed dose a late earlier dose
// put over another limit). The patient page, the physician's queue and the board's count read it here.
import type { TimelineOutput, TociFlag } from "@/lib/engine";

export interface UnconfirmedDose {
  /** The dose version id (what a confirmation names). */
  id: string;
  at: string;
  drug: string | null;
  chartedName: string;
  doseMg: number;
  doseNumber: number | null;
  flags: TociFlag[];
  confirmedFlags: TociFlag[];
  unconfirmedFlags: TociFlag[];
  /** The engine's reasons for the flags (rule IDs in the text). */
  reasons: string[];
}

/** The doses with at least one unconfirmed flag, in the engine's (bedside time) order. */
export function unconfirmedDoses(graded: Pick<TimelineOutput, "medications">): UnconfirmedDose[] {
  return graded.medications
    .filter((dose) => dose.unconfirmedFlags.length > 0)
    .map((dose) => ({
      id: dose.id,
      at: dose.at,
      drug: dose.drug,
      chartedName: dose.chartedName,
      doseMg: dose.doseMg,
      doseNumber: dose.doseNumber ?? null,
      flags: dose.flags,
      confirmedFlags: dose.confirmedFlags,
      unconfirmedFlags: dose.unconfirmedFlags,
      reasons: dose.reasons.filter((reason) => (dose.flags as string[]).includes(reason.rule)).map((reason) => reason.text),
    }));
}

/** The board's count: how many doses wait for a physician to confirm their limits. */
export function unconfirmedLimitCount(graded: Pick<TimelineOutput, "medications">): number {
  return graded.medications.filter((dose) => dose.unconfirmedFlags.length > 0).length;
}
