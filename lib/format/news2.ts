/**
 * How NEWS2 (CLINICAL-RULES.md section 7) reads on screen and paper: the score with "at least"
 * when the set missed a parameter (NEWS2-SCORE), and the band in words beside its colour.
 */
import type { News2Band } from "@/lib/engine";

/** The shape lib/format needs (the engine's News2Summary). */
export interface News2Shown {
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

/** "NEWS2 3", or "NEWS2 at least 5" for an incomplete set (its score sums what was charted). */
export function news2ScoreText(news2: Pick<News2Shown, "score" | "complete">): string {
  return news2.complete ? `NEWS2 ${news2.score}` : `NEWS2 at least ${news2.score}`;
}

/** "NEWS2 at least 5, medium: urgent response"; "NEWS2 not charted" when there is none. */
export function news2Text(news2: News2Shown | null | undefined): string {
  if (!news2) return "NEWS2 not charted";
  return `${news2ScoreText(news2)}, ${NEWS2_BAND_WORDS[news2.band]}: ${NEWS2_RESPONSE_WORDS[news2.band]}`;
}

/** CSS class of the band (app/globals.css .news2-*). */
export function news2Class(news2: Pick<News2Shown, "band"> | null | undefined): string {
  return news2 ? `news2 news2-${news2.band}` : "news2 news2-none";
}
