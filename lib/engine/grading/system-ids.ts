/**
 * The values patient.gradingSystem accepts (the zod schema refuses any other). Kept apart from
 * the registry so that the schema can name them without importing the systems, which import the
 * schema's types. A new CRS system adds its id here and its entry in registry.ts.
 */
export const GRADING_SYSTEMS = ["ASTCT"] as const;
export type GradingSystem = (typeof GRADING_SYSTEMS)[number];
