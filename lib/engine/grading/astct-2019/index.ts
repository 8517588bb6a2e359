/**
 * ASTCT 2019 consensus grading of CRS (Lee DW et al., Biol Blood Marrow Transplant
 * 2019;25:625-638), the default grading system (CLINICAL-RULES.md section 2).
 */
import type { CrsGradingSystem } from "../types";
import { gradeCrs } from "./grade";
import { feverMasking } from "./masking";
import { episodeOnset } from "./onset";

export const astct2019: CrsGradingSystem<"ASTCT"> = {
  id: "ASTCT",
  title: "ASTCT 2019 consensus grading",
  gradeCourse(course) {
    const episodeStart = episodeOnset(course.observations);
    const onsetMs = episodeStart ? episodeStart.atMs : null;
    const { masking, doseReasons } = feverMasking(course.medications, onsetMs, course.settings);
    const context = { onsetMs, masking };
    const observations = course.observations.map(({ observation, atMs, carriedInfusions }) =>
      gradeCrs(observation, atMs, context, carriedInfusions),
    );
    return { episodeStart, observations, doseReasons };
  },
};
