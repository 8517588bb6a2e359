/**
 * The grading systems the engine knows, by their value of patient.gradingSystem (the Patient
 * column). A new CRS system is one folder beside astct-2019/, its id in system-ids.ts and its entry in CRS_GRADING_SYSTEMS.
 */
import { astct2019 } from "./astct-2019";
import { GRADING_SYSTEMS, type GradingSystem } from "./system-ids";
import type { CrsGradingSystem } from "./types";

export { GRADING_SYSTEMS, type GradingSystem };

/** Every id in system-ids.ts has its system here (the type refuses a missing one). */
const CRS_GRADING_SYSTEMS: Readonly<Record<GradingSystem, CrsGradingSystem>> = { ASTCT: astct2019 };

/** ASTCT 2019 when the patient names no system. */
export const DEFAULT_GRADING_SYSTEM: GradingSystem = "ASTCT";

/** The CRS grading system named by patient.gradingSystem; the default when none is named. */
export function crsGradingSystem(id: string | null | undefined): CrsGradingSystem {
  const wanted = id ?? DEFAULT_GRADING_SYSTEM;
  const system = (GRADING_SYSTEMS as readonly string[]).includes(wanted)
    ? CRS_GRADING_SYSTEMS[wanted as GradingSystem]
    : undefined;
  if (!system) throw new RangeError(`"${wanted}" is not a grading system; use one of ${GRADING_SYSTEMS.join(", ")}`);
  return system;
}
