/**
 * The grading systems the engine knows, by their value of patient.gradingSystem (the Patient
 * column). A new CRS system is one folder beside astct-2019/ and one entry in CRS_GRADING_SYSTEMS.
 */
import { astct2019 } from "./astct-2019";
import type { CrsGradingSystem } from "./types";

const CRS_GRADING_SYSTEMS = [astct2019] as const;

export type GradingSystem = (typeof CRS_GRADING_SYSTEMS)[number]["id"];

/** The values patient.gradingSystem accepts (the zod schema refuses any other). */
export const GRADING_SYSTEMS = CRS_GRADING_SYSTEMS.map((system) => system.id) as [GradingSystem, ...GradingSystem[]];

/** ASTCT 2019 when the patient names no system. */
export const DEFAULT_GRADING_SYSTEM: GradingSystem = astct2019.id;

/** The CRS grading system named by patient.gradingSystem; the default when none is named. */
export function crsGradingSystem(id: string | null | undefined): CrsGradingSystem {
  const wanted = id ?? DEFAULT_GRADING_SYSTEM;
  const system = CRS_GRADING_SYSTEMS.find((candidate) => candidate.id === wanted);
  if (!system) throw new RangeError(`"${wanted}" is not a grading system; use one of ${GRADING_SYSTEMS.join(", ")}`);
  return system;
}
