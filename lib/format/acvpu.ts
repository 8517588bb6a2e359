/**
 * NEWS2-ACVPU as the ward types and reads it: one key per letter (A, C, V, P, U), the word beside
 * it. The values are the engine's (lib/engine/vocabulary.ts); only their letters and words live here.
 */
import { ACVPU_LEVELS, type Acvpu } from "@/lib/engine/vocabulary";

export const ACVPU_LETTERS: Readonly<Record<Acvpu, string>> = {
  alert: "A",
  new_confusion: "C",
  voice: "V",
  pain: "P",
  unresponsive: "U",
};

export const ACVPU_WORDS: Readonly<Record<Acvpu, string>> = {
  alert: "Alert",
  new_confusion: "New confusion",
  voice: "Voice",
  pain: "Pain",
  unresponsive: "Unresponsive",
};

/** The level a key stands for ("c" or "C" -> new_confusion), or null for any other key. */
export function acvpuForKey(key: string): Acvpu | null {
  const letter = key.toUpperCase();
  return ACVPU_LEVELS.find((level) => ACVPU_LETTERS[level] === letter) ?? null;
}

/** "C (new confusion)" for tables; the stored text itself when it is not a level (older or foreign data). */
export function acvpuText(value: string): string {
  const level = ACVPU_LEVELS.find((known) => known === value);
  return level ? `${ACVPU_LETTERS[level]} (${ACVPU_WORDS[level].toLowerCase()})` : value;
}
