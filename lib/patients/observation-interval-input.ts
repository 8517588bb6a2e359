// The patient's own observation interval (OBS-FREQUENCY, CLINICAL-RULES.md section 9): a
// physician's decision that can only make the cadence stricter. The rules already ask for vital
// signs at least every `obsIntervalGrade0Hours` (4 h, after a quiet set); an interval of that or
// longer would never change anything, so it is refused with the rule's interval named. Shorter
// ones apply only while they are stricter than the rules' interval of the moment (OBS_DUE takes the
// shortest). Blank clears it. Client-safe: the patient page's form checks the same schema.
import { z } from "zod";
import { DEFAULT_SETTINGS } from "@/lib/engine/settings";
import { showValue } from "@/lib/engine/schema";
import { formNumber } from "@/lib/http/form-values";
import { changeReasonSchema } from "@/lib/write/charting-input";
import { expectedVersionSchema } from "@/lib/patients/patient-input";

export const OBS_INTERVAL_MIN_MINUTES = 5;
/** The loosest interval the rules ask for: the patient's own must be shorter. */
export const RULES_LOOSEST_INTERVAL_MINUTES = DEFAULT_SETTINGS.obsIntervalGrade0Hours * 60;

export const observationIntervalSchema = z.strictObject({
  expectedVersion: expectedVersionSchema,
  obsIntervalMinutes: z.preprocess(
    (value) => formNumber(value) ?? null,
    z
      .number({ error: (iss) => `${showValue(iss.input)} is not a number of minutes` })
      .int({ error: (iss) => `${showValue(iss.input)} is not a whole number of minutes` })
      .min(OBS_INTERVAL_MIN_MINUTES, { error: `must be at least ${OBS_INTERVAL_MIN_MINUTES} min` })
      .max(RULES_LOOSEST_INTERVAL_MINUTES - 1, {
        error: `must be shorter than ${RULES_LOOSEST_INTERVAL_MINUTES} min: the rules already ask for vital signs every ${DEFAULT_SETTINGS.obsIntervalGrade0Hours} h (OBS-FREQUENCY: only stricter than the rules)`,
      })
      .nullable(),
  ),
  reason: changeReasonSchema,
});
