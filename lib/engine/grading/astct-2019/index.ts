/**
 * ASTCT 2019 consensus grading of CRS (Lee DW et al., Biol Blood Marrow Transplant
 * 2019;25:625-638), the default grading system (CLINICAL-RULES.md section 2).
 */
import type { CrsGradingSystem } from "../types";
import { gradeAstctCourse } from "./course";

export const astct2019: CrsGradingSystem<"ASTCT"> = {
  id: "ASTCT",
  title: "ASTCT 2019 consensus grading",
  gradeCourse: gradeAstctCourse,
};
