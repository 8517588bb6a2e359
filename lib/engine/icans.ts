/**
 * ICANS grade of one observation, ASTCT 2019 (CLINICAL-RULES.md section 3): the most severe of
 * the ICE score, level of consciousness, seizure, motor findings and raised ICP / cerebral edema.
 */
import type { IcansGrade, ObservationInput, Reason } from "./types";
import { CEREBRAL_EDEMA_LABELS, CONSCIOUSNESS_LABELS, SEIZURE_LABELS, type ConsciousnessLevel } from "./vocabulary";

export interface IcansResult {
  /** null: no neurological data charted (not assessed), which is not grade 0. */
  grade: IcansGrade | null;
  reasons: Reason[];
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

const CONSCIOUSNESS_GRADE: Readonly<Record<ConsciousnessLevel, IcansGrade>> = {
  awake: 0,
  awakens_spontaneously: 1,
  awakens_to_voice: 2,
  awakens_to_tactile: 3,
  unarousable: 4,
};

/**
 * ICE 10 -> 0, 7-9 -> 1, 3-6 -> 2, 0-2 -> 3; ICE 0 because unarousable -> 4. An ICE of 0 in an
 * awake patient (global aphasia) is 3: grade 4 comes only from being unarousable.
 */
export function iceGrade(
  iceScore: number,
  consciousness: ConsciousnessLevel | null | undefined,
): { grade: IcansGrade; reason: Reason } {
  let grade: IcansGrade;
  let detail: string;
  if (iceScore === 0 && consciousness === "unarousable") {
    grade = 4;
    detail = "ICE 0/10 because unarousable";
  } else if (iceScore >= 10) {
    grade = 0;
    detail = "ICE 10/10";
  } else if (iceScore >= 7) {
    grade = 1;
    detail = `ICE ${iceScore}/10 (7-9)`;
  } else if (iceScore >= 3) {
    grade = 2;
    detail = `ICE ${iceScore}/10 (3-6)`;
  } else {
    grade = 3;
    detail = iceScore === 0 ? "ICE 0/10 while arousable (grade 4 only when unarousable)" : `ICE ${iceScore}/10 (0-2)`;
  }
  return { grade, reason: { rule: "ICANS-ICE", text: `ICANS grade ${grade}: ${detail} (ICANS-ICE)` } };
}

function finding(grade: IcansGrade, rule: string, text: string): Reason {
  return { rule, text: `ICANS grade ${grade}: ${text} (${rule})` };
}

/** Most severe finding wins; null when no neurological data is charted (most observations). */
export function gradeIcans(
  observation: Pick<ObservationInput, "iceScore" | "consciousness" | "seizure" | "motorWeakness" | "cerebralEdema">,
): IcansResult {
  const { iceScore, consciousness, seizure, motorWeakness, cerebralEdema } = observation;
  if (iceScore == null && consciousness == null && seizure == null && motorWeakness == null && cerebralEdema == null) {
    return { grade: null, reasons: [] };
  }
  const reasons: Reason[] = [];
  let grade: IcansGrade = 0;
  if (iceScore != null) {
    const ice = iceGrade(iceScore, consciousness);
    if (ice.grade > grade) grade = ice.grade;
    reasons.push(ice.reason);
  }
  if (consciousness != null) {
    const consciousnessGrade = CONSCIOUSNESS_GRADE[consciousness];
    if (consciousnessGrade > grade) grade = consciousnessGrade;
    reasons.push(finding(consciousnessGrade, "ICANS-CONSCIOUSNESS", lowerFirst(CONSCIOUSNESS_LABELS[consciousness])));
  }
  if (seizure != null) {
    const seizureGrade: IcansGrade = seizure === "prolonged_or_repetitive" ? 4 : seizure === "resolved_rapidly" ? 3 : 0;
    if (seizureGrade > grade) grade = seizureGrade;
    reasons.push(finding(seizureGrade, "ICANS-SEIZURE", lowerFirst(SEIZURE_LABELS[seizure])));
  }
  if (motorWeakness != null) {
    const motorGrade: IcansGrade = motorWeakness ? 4 : 0;
    if (motorGrade > grade) grade = motorGrade;
    reasons.push(
      finding(motorGrade, "ICANS-MOTOR", motorWeakness ? "deep focal motor weakness" : "no deep focal motor weakness"),
    );
  }
  if (cerebralEdema != null) {
    const edemaGrade: IcansGrade = cerebralEdema === "diffuse" ? 4 : cerebralEdema === "focal" ? 3 : 0;
    if (edemaGrade > grade) grade = edemaGrade;
    reasons.push(finding(edemaGrade, "ICANS-EDEMA", lowerFirst(CEREBRAL_EDEMA_LABELS[cerebralEdema])));
  }
  reasons.push({ rule: "ICANS", text: `ICANS grade ${grade}: the most severe neurological finding charted (ICANS)` });
  return { grade, reasons };
}
