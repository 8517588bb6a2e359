/**
 * CRS episodes (CLINICAL-RULES.md ASTCT-ONSET and EPISODE-END, rev 2): an episode starts at a
 * febrile observation when none is running, and ends `episodeEndHours` after its last observation
 * graded 1 or more if none graded 1 or more comes in between. After its end the next fever starts
 * a new episode.
 *
 * The end is an instant, read like a timer's due time: at exactly `episodeEndHours` after the last
 * observation graded 1 or more the episode has ended, so an observation at that very instant is
 * outside it (a fever then starts the next episode).
 */
import { DEFAULT_SETTINGS, type EngineSettings } from "./settings";
import { formatInstant } from "./time";
import type { CrsGrade, Reason } from "./types";

const HOUR_MS = 3_600_000;

type EpisodeSettings = Partial<Pick<EngineSettings, "episodeEndHours">>;

/** EPISODE-END: the instant an episode ends if nothing graded 1 or more comes before it. */
export function episodeEndAtMs(lastGradedAtMs: number, settings: EpisodeSettings = {}): number {
  return lastGradedAtMs + (settings.episodeEndHours ?? DEFAULT_SETTINGS.episodeEndHours) * HOUR_MS;
}

/**
 * Whether an episode whose last observation graded 1 or more was at `lastGradedAtMs` has ended by
 * `atMs` (true from the end instant on). The timeline asks this before grading each observation.
 */
export function episodeHasEnded(lastGradedAtMs: number, atMs: number, settings: EpisodeSettings = {}): boolean {
  return atMs >= episodeEndAtMs(lastGradedAtMs, settings);
}

/** One graded observation, as the timeline graded it. */
export interface GradedPoint {
  atMs: number;
  grade: CrsGrade;
  /** true: temperature >= 38.0 °C; null: no temperature charted (cannot start an episode). */
  febrile: boolean | null;
}

export interface Episode {
  startedAtMs: number;
  /** null while running at `now`. */
  endedAtMs: number | null;
  /** The highest grade of the observations inside the episode. */
  maxGrade: CrsGrade;
  /** The last observation graded 1 or more: the episode's end counts from it. */
  lastGradedAtMs: number;
  reasons: Reason[];
}

interface Running {
  startedAtMs: number;
  maxGrade: CrsGrade;
  lastGradedAtMs: number;
}

function closed(episode: Running, endedAtMs: number | null, settings: EpisodeSettings): Episode {
  const hours = settings.episodeEndHours ?? DEFAULT_SETTINGS.episodeEndHours;
  const endAtMs = episodeEndAtMs(episode.lastGradedAtMs, settings);
  const last = formatInstant(episode.lastGradedAtMs);
  const end: Reason =
    endedAtMs === null
      ? {
          rule: "EPISODE-END",
          text: `CRS episode running: it ends at ${formatInstant(endAtMs)}, ${hours} h after its last observation graded 1 or more (${last}), unless one graded 1 or more comes first (EPISODE-END)`,
        }
      : {
          rule: "EPISODE-END",
          text: `CRS episode ended at ${formatInstant(endedAtMs)}: ${hours} h after its last observation graded 1 or more (${last}), none graded 1 or more since (EPISODE-END)`,
        };
  return {
    startedAtMs: episode.startedAtMs,
    endedAtMs,
    maxGrade: episode.maxGrade,
    lastGradedAtMs: episode.lastGradedAtMs,
    reasons: [
      { rule: "ASTCT-ONSET", text: `CRS episode started at ${formatInstant(episode.startedAtMs)}: first fever (ASTCT-ONSET)` },
      end,
    ],
  };
}

/**
 * Every CRS episode of a timeline as of `now`, from its observations as the timeline graded them
 * (read in time order whatever the order of the list). Observations after `now` are left out (ASOF). Observations at one instant are taken
 * together (TIE): the instant is first checked against the running episode's end, then a fever
 * among them starts an episode, then all of them count towards it, whatever their order in the list.
 */
export function crsEpisodes(points: readonly GradedPoint[], nowMs: number, settings: EpisodeSettings = {}): Episode[] {
  const episodes: Episode[] = [];
  let running: Running | null = null;

  const asOfNow = points.filter((point) => point.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
  for (let from = 0; from < asOfNow.length;) {
    const first = asOfNow[from];
    if (!first) break;
    let to = from + 1;
    while (asOfNow[to]?.atMs === first.atMs) to++;
    const instant = asOfNow.slice(from, to);
    from = to;

    if (running && episodeHasEnded(running.lastGradedAtMs, first.atMs, settings)) {
      episodes.push(closed(running, episodeEndAtMs(running.lastGradedAtMs, settings), settings));
      running = null;
    }
    if (!running && instant.some((point) => point.febrile === true)) {
      running = { startedAtMs: first.atMs, maxGrade: 0, lastGradedAtMs: first.atMs };
    }
    if (!running) continue;
    for (const point of instant) {
      if (point.grade > running.maxGrade) running.maxGrade = point.grade;
      if (point.grade >= 1) running.lastGradedAtMs = point.atMs;
    }
  }

  if (running) {
    const endAtMs = episodeEndAtMs(running.lastGradedAtMs, settings);
    episodes.push(closed(running, nowMs >= endAtMs ? endAtMs : null, settings));
  }
  return episodes;
}
