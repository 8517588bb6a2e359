/**
 * Local-protocol settings added by CLINICAL-RULES.md revision 2, with their defaults. They join
 * EngineSettings (settings.ts) when the rev-2 modules are wired into the timeline.
 */
export interface Rev2Settings {
  /** TOCI-WEIGHT / ALERT-WEIGHT-STALE: a dose more than this many days after the weight it used asks for a re-weigh. */
  weightStaleDays: number;
  /** NEWS2-BAND: minutes between observations when NEWS2 is `high` (7 or more). */
  news2HighCadenceMinutes: number;
  /** ALERT-STEROID-PROPHYLAXIS: days after the last corticosteroid dose the alert still shows. */
  steroidAlertDays: number;
  /** EPISODE-END: hours after its last observation graded 1 or more that a CRS episode ends. */
  episodeEndHours: number;
}

export const REV2_DEFAULT_SETTINGS: Readonly<Rev2Settings> = Object.freeze({
  weightStaleDays: 7,
  news2HighCadenceMinutes: 30,
  steroidAlertDays: 7,
  episodeEndHours: 72,
});
