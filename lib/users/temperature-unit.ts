// The temperature unit a user reads and types in (°C or °F), remembered per user. Temperatures are
// stored and graded in °C whatever the choice; only what is shown and what the form expects change.
// Its own small write: the user's row and an audit event, in one transaction.
import { z } from "zod";
import { db, writeTransaction } from "@/lib/db";
import { actorOf, authorize, type CurrentUser } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/events";
import { isTemperatureUnit, TEMPERATURE_UNITS, type TemperatureUnit } from "@/lib/format/temperature";
import { accessDenied, failed, invalidInput, succeeded, type WriteResult } from "@/lib/write-result";

export const temperatureUnitChoiceSchema = z.strictObject(
  {
    temperatureUnit: z.enum(TEMPERATURE_UNITS, { error: "Temperature unit must be C (°C) or F (°F)" }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "is not a display setting" : "Choose °C or °F") },
);

/** The user's unit; °C for nobody or for a value the database should not hold. */
export async function temperatureUnitOf(user: Pick<CurrentUser, "id"> | null): Promise<TemperatureUnit> {
  if (!user) return "C";
  const row = await db.user.findUnique({ where: { id: user.id }, select: { temperatureUnit: true } });
  return row && isTemperatureUnit(row.temperatureUnit) ? row.temperatureUnit : "C";
}

/** Choose °C or °F for oneself. Choosing the unit already chosen changes and audits nothing. */
export async function setTemperatureUnit(
  user: CurrentUser | null,
  input: unknown,
): Promise<WriteResult<{ temperatureUnit: TemperatureUnit; changed: boolean }>> {
  const denial = await authorize(user, "preferences:own", "setTemperatureUnit");
  if (denial || !user) return accessDenied(denial);
  const parsed = temperatureUnitChoiceSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { temperatureUnit } = parsed.data;

  return writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id: user.id }, select: { temperatureUnit: true } });
    if (!existing) return failed("not_found", "No such user");
    if (existing.temperatureUnit === temperatureUnit) return succeeded({ temperatureUnit, changed: false });
    await tx.user.update({ where: { id: user.id }, data: { temperatureUnit } });
    await recordAudit(tx, actorOf(user), {
      action: "user.temperature_unit",
      entityType: "user",
      entityId: user.id,
      before: { temperatureUnit: isTemperatureUnit(existing.temperatureUnit) ? existing.temperatureUnit : "C" },
      after: { temperatureUnit },
    });
    return succeeded({ temperatureUnit, changed: true });
  });
}
