/**
 * A temperature as every screen, print, CSV and reason text shows it: one decimal, rounded to the
 * nearest tenth, except that it shows at a clinical threshold only when it is exactly there,
 * otherwise on its own side of it, so the number never contradicts the grade beside it. 37.96 °C
 * is afebrile (ASTCT-FEVER is >= 38.0 °C) and reads "37.9"; 38.04 °C scores 1 in NEWS2-TEMP (38.0
 * scores 0) and reads "38.1". The thresholds are the fever line and the NEWS2 temperature bounds
 * (35.0, 36.0, 38.0, 39.0 °C), the same in °F (95.0, 96.8, 100.4, 102.2 °F).
 */
export type TemperatureScale = "C" | "F";

/** The thresholds, in °C, that a rounded display must not reach from either side. */
const THRESHOLDS_C = [35, 36, 38, 39] as const;

export const toFahrenheit = (celsius: number): number => (celsius * 9) / 5 + 32;
export const toCelsius = (fahrenheit: number): number => ((fahrenheit - 32) * 5) / 9;

/** x to `decimals` places, without binary fractions tipping a half the wrong way (1.005 -> 1.01). */
export function roundTo(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((x * factor).toPrecision(12))) / factor;
}

/** A °C value in `scale`, to 10 places: exact enough to compare, free of binary noise (100.40000000000001). */
export function inScale(celsius: number, scale: TemperatureScale): number {
  return roundTo(scale === "F" ? toFahrenheit(celsius) : celsius, 10);
}

/** The number shown for a stored °C value in `scale`: one decimal, never rounded onto or across a threshold. */
export function displayTemperatureValue(celsius: number, scale: TemperatureScale): number {
  const exact = inScale(celsius, scale);
  let shown = roundTo(exact, 1);
  for (const thresholdC of THRESHOLDS_C) {
    const threshold = inScale(thresholdC, scale);
    if (exact < threshold && shown >= threshold) shown = roundTo(threshold - 0.1, 1);
    if (exact > threshold && shown <= threshold) shown = roundTo(threshold + 0.1, 1);
  }
  return shown;
}

/**
 * The texts already worked out, by stored °C value: grading writes two per set (ASTCT-FEVER and
 * NEWS2-TEMP), and a ward charts few distinct values. Each costs ten exact roundings (toPrecision):
 * a quarter of grading a 14-day ward from cold before they were kept. Bounded: cleared when full.
 */
const celsiusTexts = new Map<number, string>();
const MAX_CELSIUS_TEXTS = 10_000;

/** "37.9": a stored °C value in a reason text, as the screens show it. */
export function celsiusText(celsius: number): string {
  let text = celsiusTexts.get(celsius);
  if (text === undefined) {
    text = displayTemperatureValue(celsius, "C").toFixed(1);
    if (celsiusTexts.size >= MAX_CELSIUS_TEXTS) celsiusTexts.clear();
    celsiusTexts.set(celsius, text);
  }
  return text;
}
