/**
 * Temperatures, the one way they are converted and shown. Stored and graded in °C; typed and read
 * in the unit each user chose (°C or °F, remembered per user). Client-safe.
 *
 * Shown with one decimal everywhere (screen, print, CSV), rounded to the nearest tenth, with one
 * exception so the number never contradicts the grade beside it: a value shows at a clinical
 * threshold only when it is exactly there, otherwise on its own side of it. 37.96 °C is afebrile
 * (FEVER is >= 38.0 °C) and reads "37.9 °C", not "38.0 °C" beside "afebrile"; 38.04 °C scores 1 in
 * NEWS2-TEMP (38.0 scores 0) and reads "38.1 °C". The thresholds are the fever line and the NEWS2
 * temperature bounds (35.0, 36.0, 38.0, 39.0 °C), the same in °F (95.0, 96.8, 100.4, 102.2 °F).
 */
export const TEMPERATURE_UNITS = ["C", "F"] as const;
export type TemperatureUnit = (typeof TEMPERATURE_UNITS)[number];

export function isTemperatureUnit(value: unknown): value is TemperatureUnit {
  return value === "C" || value === "F";
}

/** The thresholds, in °C, that a rounded display must not reach from either side. */
const THRESHOLDS_C = [35, 36, 38, 39] as const;

export const toFahrenheit = (celsius: number): number => (celsius * 9) / 5 + 32;
export const toCelsius = (fahrenheit: number): number => ((fahrenheit - 32) * 5) / 9;

/** x to `decimals` places, without binary fractions tipping a half the wrong way (1.005 -> 1.01). */
function roundTo(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((x * factor).toPrecision(12))) / factor;
}

/** A °C value in `unit`, to 10 places: exact enough to compare, free of binary noise (100.40000000000001). */
function inUnit(celsius: number, unit: TemperatureUnit): number {
  return roundTo(unit === "F" ? toFahrenheit(celsius) : celsius, 10);
}

/** The number shown for a stored °C value in `unit`: one decimal, never rounded onto or across a threshold. */
export function displayTemperatureValue(celsius: number, unit: TemperatureUnit): number {
  const exact = inUnit(celsius, unit);
  let shown = roundTo(exact, 1);
  for (const thresholdC of THRESHOLDS_C) {
    const threshold = inUnit(thresholdC, unit);
    if (exact < threshold && shown >= threshold) shown = roundTo(threshold - 0.1, 1);
    if (exact > threshold && shown <= threshold) shown = roundTo(threshold + 0.1, 1);
  }
  return shown;
}

/** "38.6" / "101.5": the number alone, one decimal (CSV cells, chart ticks). */
export function temperatureNumberText(celsius: number, unit: TemperatureUnit): string {
  return displayTemperatureValue(celsius, unit).toFixed(1);
}

/** "38.6 °C" / "101.5 °F"; "–" when not charted. */
export function formatTemperature(celsius: number | null | undefined, unit: TemperatureUnit): string {
  if (celsius == null) return "–";
  return `${temperatureNumberText(celsius, unit)} °${unit}`;
}

/**
 * A temperature typed in `unit` -> °C as stored. °F is converted and kept to two decimals (100.4 °F
 * is exactly 38.00 °C), unless those two decimals would land on a tenth of a degree the typed value
 * does not reach (100.399 °F is 37.9994 °C, which two decimals would store as 38.00, a fever): then
 * it keeps six (and at least a millionth of a degree off the tenth), so the stored value stays on the side of every threshold that the typed value is on.
 */
export function celsiusFromTyped(value: number, unit: TemperatureUnit): number {
  if (unit === "C") return value;
  const exact = toCelsius(value);
  const stored = roundTo(exact, 2);
  const onTenth = roundTo(stored * 10, 6) % 1 === 0;
  if (!onTenth) return stored;
  // On a tenth: right only when the typed °F is exactly that tenth's °F; otherwise stay on the typed side of it.
  const tenthF = roundTo(toFahrenheit(stored), 8);
  const typedF = roundTo(value, 8);
  if (tenthF === typedF) return stored;
  const finer = roundTo(exact, 6);
  return typedF < tenthF ? Math.min(finer, roundTo(stored - 1e-6, 6)) : Math.max(finer, roundTo(stored + 1e-6, 6));
}

/**
 * The stored °C value as a form shows it in `unit` for re-typing (the amend form). Exact, not the
 * one-decimal display: saved unchanged, it converts back to the same stored value.
 */
export function temperatureFormText(celsius: number, unit: TemperatureUnit): string {
  return String(unit === "F" ? roundTo(toFahrenheit(celsius), 8) : celsius);
}

/** The fever line (FEVER, 38.0 °C) in `unit`, for chart reference lines. */
export function feverLine(unit: TemperatureUnit): number {
  return inUnit(38, unit);
}
