/**
 * Temperatures, the one way they are converted and shown. Stored and graded in °C; typed and read
 * in the unit each user chose (°C or °F, remembered per user). Client-safe.
 *
 * Shown with one decimal everywhere (screen, print, CSV, the engine's reason texts), never rounded
 * onto or across a clinical threshold: the rule is lib/engine/temperature-text.ts.
 */
import { displayTemperatureValue, inScale, roundTo, toCelsius, toFahrenheit } from "@/lib/engine/temperature-text";

export const TEMPERATURE_UNITS = ["C", "F"] as const;
export type TemperatureUnit = (typeof TEMPERATURE_UNITS)[number];

export function isTemperatureUnit(value: unknown): value is TemperatureUnit {
  return value === "C" || value === "F";
}

// The display rule is the engine's, so reason texts show temperatures exactly as the screens do.
export { displayTemperatureValue, toCelsius, toFahrenheit } from "@/lib/engine/temperature-text";

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
  return inScale(38, unit);
}
