// The ward board's order (CLINICAL-RULES.md section 8): "late tasks first, then the highest of the
// CRS grade, the ICANS grade and the NEWS2 band (`high` ranks with grade 3, `medium` and
// `low_medium` with grade 2), then open tasks, then overdue observations; ties by bed."
// Pure: the board passes in what the engine derived and the task counts (0 until tasks exist).
import type { CrsGrade, IcansGrade, News2Band } from "@/lib/engine";

/** What the board knows of one patient that decides where the patient sits. */
export interface AcuityFacts {
  bed: string;
  /** Escalation tasks past their respond-by time and not answered. */
  lateTasks: number;
  crsGrade: CrsGrade;
  /** null: not assessed (ranks as no ICANS, never as a grade). */
  icansGrade: IcansGrade | null;
  /** The latest charted set's band; null when no set was charted. */
  news2Band: News2Band | null;
  /** Escalation tasks raised and not answered, not yet late. */
  openTasks: number;
  /** Vital signs or an ICE score past due (the engine's OBS_DUE / ICE_DUE status). */
  observationsOverdue: boolean;
}

/**
 * The grade a NEWS2 band ranks with. The spec places `high` with grade 3 and `medium` and
 * `low_medium` with grade 2; it says nothing of `low`, which is below every response threshold,
 * so it ranks with grade 0 and a grade-1 fever outranks it.
 */
export const NEWS2_BAND_RANK: Readonly<Record<News2Band, number>> = {
  low: 0,
  low_medium: 2,
  medium: 2,
  high: 3,
};

/** The highest of the CRS grade, the ICANS grade and the NEWS2 band's rank. */
export function clinicalRank(facts: Pick<AcuityFacts, "crsGrade" | "icansGrade" | "news2Band">): number {
  return Math.max(facts.crsGrade, facts.icansGrade ?? 0, facts.news2Band ? NEWS2_BAND_RANK[facts.news2Band] : 0);
}

// "4A-2" before "4A-10": beds are numbered, not spelled.
const bedOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Negative when `a` is sicker (sits higher on the board) than `b`. */
export function compareAcuity(a: AcuityFacts, b: AcuityFacts): number {
  return (
    b.lateTasks - a.lateTasks ||
    clinicalRank(b) - clinicalRank(a) ||
    b.openTasks - a.openTasks ||
    Number(b.observationsOverdue) - Number(a.observationsOverdue) ||
    bedOrder.compare(a.bed, b.bed)
  );
}

/** A new array in board order; the input is left as it was. */
export function sortByAcuity<Row>(rows: readonly Row[], factsOf: (row: Row) => AcuityFacts): Row[] {
  const keyed = rows.map((row) => ({ row, facts: factsOf(row) }));
  keyed.sort((a, b) => compareAcuity(a.facts, b.facts));
  return keyed.map((entry) => entry.row);
}
