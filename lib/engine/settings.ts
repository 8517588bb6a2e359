/**
 * Local-protocol settings (CLINICAL-RULES.md calls these "settings" and gives their defaults).
 * Precedence: DEFAULT_SETTINGS < the settings argument of evaluateTimeline < the patient's own
 * settings charted on `patient` (a per-patient decision outranks the ward default).
 */
export interface EngineSettings {
  /** ASTCT-MASK: acetaminophen/paracetamol/ibuprofen after the onset make fever no longer required. */
  antipyreticsMaskFever: boolean;
  /** TOCI_INTERVAL_UNDER_8H / TOCI-NEXT: minimum hours between tocilizumab doses. */
  tociMinIntervalHours: number;
  /** OBS_DUE: hours to the next observation after one graded 0 and afebrile. */
  obsIntervalGrade0Hours: number;
  /** OBS_DUE: hours to the next observation after a febrile or grade-1 one. */
  obsIntervalFebrileOrGrade1Hours: number;
  /** OBS_DUE: hours to the next observation after one graded 2 or more. */
  obsIntervalGrade2PlusHours: number;
  /** ICE_DUE: hours between ICE assessments during an episode. */
  iceIntervalHours: number;
  /** TOCI-WEIGHT / ALERT-WEIGHT-STALE: a dose more than this many days after the weight it used asks for a re-weigh. */
  weightStaleDays: number;
  /** NEWS2-BAND: minutes between observations when NEWS2 is `high` (7 or more). */
  news2HighCadenceMinutes: number;
  /** ALERT-STEROID-PROPHYLAXIS: days after the last corticosteroid dose the alert still shows. */
  steroidAlertDays: number;
  /** EPISODE-END: hours after its last observation graded 1 or more that a CRS episode ends. */
  episodeEndHours: number;
  /** ESC_OBS_OVERDUE: minutes past OBS_DUE before the task is raised. */
  obsOverdueTaskMinutes: number;
  /** ESC (section 8): minutes between re-notifications of a late task. */
  renotifyMinutes: number;
  /** OBS-PAUSE: minutes after a pause ends that the next set is due (or the normal due time if later). */
  pauseResumeDueMinutes: number;
}

export const DEFAULT_SETTINGS: Readonly<EngineSettings> = Object.freeze({
  antipyreticsMaskFever: true,
  tociMinIntervalHours: 8,
  obsIntervalGrade0Hours: 4,
  obsIntervalFebrileOrGrade1Hours: 2,
  obsIntervalGrade2PlusHours: 1,
  iceIntervalHours: 8,
  weightStaleDays: 7,
  news2HighCadenceMinutes: 30,
  steroidAlertDays: 7,
  episodeEndHours: 72,
  obsOverdueTaskMinutes: 30,
  renotifyMinutes: 15,
  pauseResumeDueMinutes: 60,
});

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof EngineSettings)[];

type SettingOverrides = { [K in keyof EngineSettings]?: EngineSettings[K] | null };

/** Merge defaults, ward settings and the patient's own settings; absent or null values fall through. */
export function resolveSettings(settings?: Partial<EngineSettings> | null, patient?: SettingOverrides | null): EngineSettings {
  const resolved: EngineSettings = { ...DEFAULT_SETTINGS };
  for (const source of [settings, patient]) {
    if (!source) continue;
    for (const key of SETTING_KEYS) {
      const value = source[key];
      if (value !== undefined && value !== null) (resolved as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return resolved;
}
