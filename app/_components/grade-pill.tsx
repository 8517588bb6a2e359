import { crsGradeLabel, gradeClass, icansGradeLabel } from "@/lib/format/grade";

/** A grade as colour AND words ("Grade 2"), so it reads in print, in greyscale and to a screen reader. */
export function GradePill({
  grade,
  kind = "CRS",
  small = false,
}: {
  grade: number | null | undefined;
  kind?: "CRS" | "ICANS";
  small?: boolean;
}) {
  const label = kind === "ICANS" ? icansGradeLabel(grade) : crsGradeLabel(grade);
  return <span className={small ? `${gradeClass(grade)} small` : gradeClass(grade)}>{label}</span>;
}
