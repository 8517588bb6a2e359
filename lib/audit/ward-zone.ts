// The zone oversight pages show times in. Audit and admin pages span the whole hospital, not one
// ward; with one ward (the usual install) that ward's zone is the only sensible choice.
import { db } from "@/lib/db";

export const FALLBACK_TIME_ZONE = "Europe/London";

export async function oversightTimeZone(): Promise<string> {
  const ward = await db.ward.findFirst({ orderBy: { createdAt: "asc" }, select: { timeZone: true } });
  return ward?.timeZone ?? FALLBACK_TIME_ZONE;
}
