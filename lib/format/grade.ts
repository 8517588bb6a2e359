/** How grades read on screen: always a word and a number, never colour alone. */

export function crsGradeLabel(grade: number | null | undefined): string {
  if (grade == null) return "No grade";
  return grade === 5 ? "Grade 5 (death)" : `Grade ${grade}`;
}

/** ICANS null means "not assessed", which is not grade 0. */
export function icansGradeLabel(grade: number | null | undefined): string {
  return grade == null ? "Not assessed" : `Grade ${grade}`;
}

/** CSS class of the grade pill (app/globals.css .grade-N). */
export function gradeClass(grade: number | null | undefined): string {
  return grade == null ? "grade grade-na" : `grade grade-${grade}`;
}
