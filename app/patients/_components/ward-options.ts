import { db } from "@/lib/db";

export interface WardOption {
  id: string;
  name: string;
  timeZone: string;
}

/** The wards a patient can be admitted to (the Ward table), for the admission and edit forms. */
export async function wardOptions(): Promise<WardOption[]> {
  return db.ward.findMany({ select: { id: true, name: true, timeZone: true }, orderBy: { name: "asc" } });
}
