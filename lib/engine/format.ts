/** Small formatters for reason texts, so every reason shows values the same way. */
import { VASOPRESSOR_AGENT_LABELS, VASOPRESSOR_AGENTS, type OxygenDevice, type VasopressorAgent } from "./vocabulary";

/**
 * A charted number exactly as charted (37.95 stays 37.95: rounding it to 38.0 beside "no fever"
 * would contradict the grade).
 */
export function num(value: number): string {
  return String(value);
}

/**
 * A computed value to one decimal, unless rounding would cross `threshold` (then two decimals, so
 * "MAP 64.96" is never shown as 65.0 beside "hypotension").
 */
export function computed(value: number, threshold: number): string {
  const tenths = Math.round(value * 10);
  if (tenths / 10 < threshold !== value < threshold) return value.toFixed(2);
  const whole = Math.trunc(tenths / 10);
  const decimal = Math.abs(tenths - whole * 10);
  return decimal === 0 ? `${whole}` : `${tenths < 0 && whole === 0 ? "-" : ""}${whole}.${decimal}`;
}

/** Device names as written inside a sentence ("on a simple face mask"), acronyms kept. */
const DEVICE_IN_SENTENCE: Readonly<Record<OxygenDevice, string>> = {
  room_air: "room air",
  blow_by: "blow-by oxygen",
  nasal_cannula: "nasal cannula",
  high_flow_nasal_cannula: "high-flow nasal cannula",
  simple_face_mask: "simple face mask",
  non_rebreather: "non-rebreather mask",
  venturi_mask: "Venturi mask",
  cpap: "CPAP",
  bipap: "BiPAP",
  mechanical_ventilation: "mechanical ventilation",
};

export function deviceText(device: OxygenDevice): string {
  return DEVICE_IN_SENTENCE[device];
}

/** Agent names as written inside a sentence (the label in lower case; dobutamine without "(inotrope)"). */
const AGENT_IN_SENTENCE: Readonly<Partial<Record<string, string>>> = Object.fromEntries(
  VASOPRESSOR_AGENTS.map((agent) => [
    agent,
    agent === "dobutamine" ? "dobutamine" : VASOPRESSOR_AGENT_LABELS[agent].toLowerCase(),
  ]),
);

/** Lower-case agent name for use inside a sentence: "norepinephrine 0.05 mcg/kg/min". */
export function agentText(agent: VasopressorAgent, doseMcgKgMin: number | null | undefined): string {
  const name = AGENT_IN_SENTENCE[agent] ?? VASOPRESSOR_AGENT_LABELS[agent].toLowerCase();
  return doseMcgKgMin == null ? name : `${name} ${num(doseMcgKgMin)} mcg/kg/min`;
}
