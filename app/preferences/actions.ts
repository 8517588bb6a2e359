"use server";
// Thin server action: the server function authorizes, validates and audits itself.
import { currentUser } from "@/lib/auth/guard";
import { setTemperatureUnit } from "@/lib/users/temperature-unit";

export async function chooseTemperatureUnit(temperatureUnit: string) {
  return setTemperatureUnit(await currentUser(), { temperatureUnit });
}
