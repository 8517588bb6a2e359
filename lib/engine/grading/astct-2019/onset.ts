/** ASTCT-ONSET (CLINICAL-RULES.md section 2): when the CRS episode starts. */
import type { ChartedObservation } from "../types";
import { isFebrile } from "./fever";

/** The first febrile observation of the course starts the episode; null before any fever. */
export function episodeOnset(observations: readonly ChartedObservation[]): { at: string; atMs: number } | null {
  const first = observations.find(({ observation }) => observation.temperatureC != null && isFebrile(observation.temperatureC));
  return first ? { at: first.at, atMs: first.atMs } : null;
}
