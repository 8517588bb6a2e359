/** ASTCT-HYPOXIA (CLINICAL-RULES.md section 2): the oxygen axis of one observation, by device. */
import { deviceText, num } from "../../format";
import type { OxygenAxisGrade, OxygenInput, Reason } from "../../types";

/** ASTCT-HYPOXIA: nasal cannula up to and including this flow is low flow (grade 2). */
export const LOW_FLOW_MAX_LPM = 6;

export interface OxygenResult {
  axis: OxygenAxisGrade;
  reason: Reason;
}

/**
 * ASTCT-HYPOXIA by device: room air 0; blow-by or nasal cannula <= 6 L/min 2 (no flow charted
 * counts as low flow); nasal cannula > 6 L/min, high-flow, face masks 3 (the device outranks the
 * flow); CPAP, BiPAP, mechanical ventilation 4.
 */
export function hypoxiaAxis(oxygen: OxygenInput | null | undefined): OxygenResult {
  if (!oxygen || oxygen.device === "room_air") {
    return { axis: 0, reason: { rule: "ASTCT-HYPOXIA", text: "Room air: oxygen grade 0 (ASTCT-HYPOXIA)" } };
  }
  const { device, flowLpm: flow } = oxygen;
  const flowText = flow == null ? "" : ` ${num(flow)} L/min`;
  const fio2Text = oxygen.fio2 == null ? "" : `, FiO2 ${num(oxygen.fio2)}`;
  let axis: OxygenAxisGrade;
  let detail: string;
  switch (device) {
    case "blow_by":
      axis = 2;
      detail = `blow-by oxygen${flowText}`;
      break;
    case "nasal_cannula":
      if (flow == null) {
        axis = 2;
        detail = "nasal cannula, flow not charted (counted as low flow)";
      } else if (flow <= LOW_FLOW_MAX_LPM) {
        axis = 2;
        detail = `nasal cannula${flowText} (low flow, <= 6 L/min)`;
      } else {
        axis = 3;
        detail = `nasal cannula${flowText} (more than 6 L/min)`;
      }
      break;
    case "high_flow_nasal_cannula":
      axis = 3;
      detail = `high-flow nasal cannula${flowText}`;
      break;
    case "simple_face_mask":
    case "non_rebreather":
    case "venturi_mask":
      axis = 3;
      detail = `${deviceText(device)}${flowText} (the device outranks the flow)`;
      break;
    case "cpap":
    case "bipap":
    case "mechanical_ventilation":
      axis = 4;
      detail = `${deviceText(device)} (positive pressure)`;
      break;
  }
  return { axis, reason: { rule: "ASTCT-HYPOXIA", text: `Oxygen grade ${axis}: ${detail}${fio2Text} (ASTCT-HYPOXIA)` } };
}
