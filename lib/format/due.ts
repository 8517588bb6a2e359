/**
 * How late an observation is, in words and a colour (the ward board, the handoff). A board where
 * 5 minutes and 2 days late read the same red "OVERDUE" tells nobody where to go first.
 *
 * Thresholds (minutes, measured from the engine's due time):
 * - `due_soon`: due within the next DUE_SOON_MINUTES (15): the set can be planned now;
 * - `overdue`: from the due time (due exactly now is overdue, as the engine's timers say) until
 *   LONG_OVERDUE_MINUTES;
 * - `long_overdue`: LONG_OVERDUE_MINUTES (30, the engine's `obsOverdueTaskMinutes`) or more past due:
 *   from then on section 8 owes a nurse's ESC_OBS_OVERDUE task, so the board says so as loudly.
 */
import { DEFAULT_SETTINGS } from "@/lib/engine";

export type DueLevel = "not_due" | "due_soon" | "overdue" | "long_overdue";

export const DUE_SOON_MINUTES = 15;
export const LONG_OVERDUE_MINUTES = DEFAULT_SETTINGS.obsOverdueTaskMinutes;

const MINUTE_MS = 60_000;

export function dueLevel(dueAt: string | number, now: number): DueLevel {
  const left = (typeof dueAt === "number" ? dueAt : Date.parse(dueAt)) - now;
  if (left > DUE_SOON_MINUTES * MINUTE_MS) return "not_due";
  if (left > 0) return "due_soon";
  if (-left < LONG_OVERDUE_MINUTES * MINUTE_MS) return "overdue";
  return "long_overdue";
}

/** The words beside the colour, so the level reads in print, in greyscale and to a screen reader. */
export const DUE_LEVEL_WORDS: Readonly<Record<DueLevel, string>> = {
  not_due: "due",
  due_soon: "due soon",
  overdue: "overdue",
  long_overdue: "long overdue",
};

/** CSS class of the level (app/globals.css). */
export const DUE_LEVEL_CLASS: Readonly<Record<DueLevel, string>> = {
  not_due: "due-level due-not-due",
  due_soon: "due-level due-soon",
  overdue: "due-level due-overdue",
  long_overdue: "due-level due-long-overdue",
};
