// Demo users, one per role. Their passwords are printed in the README: demo only.
import type { Role } from "@/lib/auth/permissions";

export const DEMO_USERS: { username: string; displayName: string; role: Role; password: string }[] = [
  { username: "nurse", displayName: "Nora Nurse, RN", role: "nurse", password: "nurse-demo" },
  { username: "physician", displayName: "Dr Philip Physician", role: "physician", password: "physician-demo" },
  { username: "pharmacist", displayName: "Fran Pharmacist", role: "pharmacist", password: "pharmacist-demo" },
  { username: "auditor", displayName: "Audrey Auditor", role: "auditor", password: "auditor-demo" },
  { username: "admin", displayName: "Adam Admin", role: "admin", password: "admin-demo" },
];
