// The user list for the admin page: never the password hash.
import { db } from "@/lib/db";

export interface UserListing {
  id: string;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
  createdAt: Date;
}

export function listUsers(): Promise<UserListing[]> {
  return db.user.findMany({
    select: { id: true, username: true, displayName: true, role: true, active: true, createdAt: true },
    orderBy: [{ active: "desc" }, { username: "asc" }],
  });
}
