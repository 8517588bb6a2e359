/**
 * How NEWS2 reads (CLINICAL-RULES section 7): always the score AND the band in words, never colour
 * alone, so it reads in print, in greyscale and to a screen reader. An incomplete set's score is a
 * lower bound (NEWS2-SCORE): "NEWS2 at least 5". The engine decides score, completeness and band.
 */
import type { News2Band } from "@/lib/engine/vocabulary";

/** The shape the engine gives per set (GradedObservation.news2) and for the patient (currentNews2). */
export interface News2Reading {
  score: number;
  complete: boolean;
  band: News2Band;
}

/** NEWS2-BAND in a word or two (the board's column). */
export const NEWS2_BAND_WORDS: Readonly<Record<News2Band, string>> = {
  low: "low",
  low_medium: "low-medium",
  medium: "medium",
  high: "high",
};

/** The RCP's clinical response to each band (NEWS2-BAND), for the handoff and the patient page. */
export const NEWS2_RESPONSE_WORDS: Readonly<Record<News2Band, string>> = {
  low: "ward-based response",
  low_medium: "urgent ward-based response (one parameter scored 3)",
  medium: "urgent response",
  high: "emergency response",
};

/** 0 (low) .. 3 (high), for the timeline's band chart. */
export const NEWS2_BAND_RANK: Readonly<Record<News2Band, number>> = { low: 0, low_medium: 1, medium: 2, high: 3 };

/** "NEWS2 3" or "NEWS2 at least 5"; "No NEWS2" when the set was not charted (refused, not possible). */
export function news2ScoreText(news2: Pick<News2Reading, "score" | "complete"> | null | undefined): string {
  if (!news2) return "No NEWS2";
  return news2.complete ? `NEWS2 ${news2.score}` : `NEWS2 at least ${news2.score}`;
}

/** "NEWS2 6 · medium", "NEWS2 at least 5 · medium" (an incomplete set's band is that of its lower bound). */
export function news2Label(news2: News2Reading | null | undefined): string {
  if (!news2) return "No NEWS2";
  return `${news2ScoreText(news2)} · ${NEWS2_BAND_WORDS[news2.band]}`;
}

/** "NEWS2 at least 5, medium: urgent response"; "NEWS2 not charted" when there is none. */
export function news2Text(news2: News2Reading | null | undefined): string {
  if (!news2) return "NEWS2 not charted";
  return `${news2ScoreText(news2)}, ${NEWS2_BAND_WORDS[news2.band]}: ${NEWS2_RESPONSE_WORDS[news2.band]}`;
}

/** CSS class of the NEWS2 pill (app/globals.css .news2-*). */
export function news2Class(news2: Pick<News2Reading, "band"> | null | undefined): string {
  return news2 ? `news2 news2-${news2.band.replace("_", "-")}` : "news2 news2-none";
}
