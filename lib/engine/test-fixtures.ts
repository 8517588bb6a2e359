/** Builders for engine tests: literal timelines read like a chart. */
import type { MedicationInput, ObservationInput, TimelineInput } from "./types";

export const T0 = Date.parse("2026-03-01T06:00:00Z");
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** ISO time `hours` after 2026-03-01T06:00Z (fractions allowed). */
export function at(hours: number): string {
  return new Date(T0 + Math.round(hours * HOUR)).toISOString();
}

export function observation(id: string, hours: number, fields: Partial<ObservationInput> = {}): ObservationInput {
  return { id, at: at(hours), ...fields };
}

export function dose(
  id: string,
  hours: number,
  drug: string,
  doseMg: number,
  route: MedicationInput["route"] = "IV",
): MedicationInput {
  return { id, at: at(hours), drug, doseMg, route };
}

export function timeline(
  observations: ObservationInput[],
  medications: MedicationInput[] = [],
  nowHours = 0,
  patient: Partial<TimelineInput["patient"]> = {},
): TimelineInput {
  return { patient: { id: "p1", weightKg: 70, ...patient }, observations, medications, now: at(nowHours) };
}

/** Vitals of a patient with no CRS findings. */
export const NORMAL = {
  temperatureC: 36.8,
  systolicBP: 120,
  diastolicBP: 75,
  heartRate: 80,
  spo2: 98,
  // ASTCT-MISSING (rev 2): a set on room air charts it; an absent device is "not charted".
  oxygen: { device: "room_air" },
} as const;
/** Febrile, no hypotension, room air: grade 1. */
export const FEVER = { ...NORMAL, temperatureC: 38.6 } as const;
/** Febrile with hypotension on fluids: grade 2. */
export const FEVER_HYPOTENSIVE = { ...NORMAL, temperatureC: 38.9, systolicBP: 84, diastolicBP: 50 } as const;
/** Afebrile, hypotensive on fluids. */
export const HYPOTENSIVE = { ...NORMAL, systolicBP: 84, diastolicBP: 50 } as const;
