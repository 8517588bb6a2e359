// The values charted on one observation, as stored: one definition for the stored version, the
// timeline row, the amend form and the text shown in tables (null = not charted).

/** One infusion charted as running. */
export interface VasopressorRow {
  agent: string;
  doseMcgKgMin: number | null;
}

export interface ChartedValues {
  temperatureC: number | null;
  heartRate: number | null;
  respiratoryRate: number | null;
  systolicBP: number | null;
  diastolicBP: number | null;
  meanArterialPressure: number | null;
  spo2: number | null;
  oxygenDevice: string;
  oxygenFlowLpm: number | null;
  fio2: number | null;
  /** false: vasopressors not re-checked at this observation (the infusions charted earlier still count). */
  vasopressorsCharted: boolean;
  /** The infusions charted as running at this observation (none when not charted). */
  vasopressors: VasopressorRow[];
  iceScore: number | null;
  consciousness: string | null;
  seizure: string | null;
  motorWeakness: boolean | null;
  cerebralEdema: string | null;
  crsDeath: boolean;
  note: string | null;
}
